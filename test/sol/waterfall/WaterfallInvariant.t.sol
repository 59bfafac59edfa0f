// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WaterfallTestBase} from "./WaterfallTestBase.sol";
import {WaterfallFactory} from "../../../contracts/waterfall/WaterfallFactory.sol";
import {Waterfall} from "../../../contracts/waterfall/Waterfall.sol";
import {BlocklistToken} from "../../../contracts/mocks/BlocklistToken.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/FeeOnTransferToken.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {SwitchableRecipient} from "../../../contracts/mocks/SwitchableRecipient.sol";

/// @notice Drives three Waterfalls — a USDC-style blocklist token with recipients blocked and unblocked at
/// random, a fee-on-transfer token, and ETH with a recipient that refuses payments for a while — with pay-ins,
/// single releases and releaseAll by random callers, stray tokens and their recovery. Ghost totals record what
/// came in.
contract WaterfallHandler is WaterfallTestBase {
    uint256 public constant COUNT = 3;
    WaterfallFactory public immutable FACTORY_;
    BlocklistToken public immutable BLOCKLIST;
    FeeOnTransferToken public immutable FEE;
    TestToken public immutable STRAY;
    SwitchableRecipient public immutable SWITCHABLE;
    bytes32 public constant SALT = keccak256("waterfall invariant");

    Waterfall[COUNT] internal _waterfalls;
    address[COUNT] internal _tokens;
    address[COUNT] internal _residuals;
    uint256[][COUNT] internal _configs;

    mapping(uint256 which => uint256) public ghostReceived;
    mapping(uint256 which => uint256) public ghostStray;
    uint256 public releasesPaid;
    uint256 public releasesFailed;

    constructor() {
        FACTORY_ = new WaterfallFactory();
        BLOCKLIST = new BlocklistToken();
        FEE = new FeeOnTransferToken();
        STRAY = new TestToken("Stray", "STR", 18);
        SWITCHABLE = new SwitchableRecipient();

        _configs[0].push(_tranche(address(0x1001), 5e6));
        _configs[0].push(_tranche(address(0x1002), 2e6));
        _configs[0].push(_tranche(address(0x1003), 8e6));
        _configs[1].push(_tranche(address(0x2001), 1e6));
        _configs[1].push(_tranche(address(0x2002), 4e6));
        _configs[2].push(_tranche(address(SWITCHABLE), 3e18));
        _configs[2].push(_tranche(address(0x3002), 1e18));
        (_tokens[0], _tokens[1], _tokens[2]) = (address(BLOCKLIST), address(FEE), address(0));
        (_residuals[0], _residuals[1], _residuals[2]) = (address(0x1009), address(0x2009), address(0x3009));
        for (uint256 k; k < COUNT; ++k) {
            _waterfalls[k] = Waterfall(FACTORY_.createWaterfall(_tokens[k], _configs[k], _residuals[k], SALT));
        }
    }

    // ---- views for the invariant test ----

    function waterfall(uint256 k) external view returns (Waterfall) {
        return _waterfalls[k];
    }

    function token(uint256 k) external view returns (address) {
        return _tokens[k];
    }

    function residual(uint256 k) external view returns (address) {
        return _residuals[k];
    }

    function config(uint256 k) external view returns (uint256[] memory) {
        return _configs[k];
    }

    // ---- actions ----

    function pay(uint256 which, uint256 amount) external {
        uint256 k = which % COUNT;
        address w = address(_waterfalls[k]);
        // The ghost is booked before the payment (the Waterfall's clone STOPs on a plain transfer anyway).
        if (k == 2) amount = bound(amount, 0, 2e18);
        else amount = bound(amount, 0, 3e6);
        ghostReceived[k] += amount;
        if (k == 2) {
            vm.deal(address(this), amount);
            payable(w).transfer(amount);
        } else if (k == 0) {
            BLOCKLIST.mint(w, amount);
        } else {
            FEE.mint(w, amount);
        }
    }

    function release(uint256 which, uint256 index, address caller) external {
        uint256 k = which % COUNT;
        uint256 i = index % (_configs[k].length + 1);
        Waterfall w = _waterfalls[k];
        vm.prank(caller);
        try w.release(_tokens[k], _configs[k], _residuals[k], SALT, i) returns (uint256 amount) {
            if (amount > 0) ++releasesPaid;
        } catch {
            // Only a blocked or refusing recipient may make its own release fail.
            ++releasesFailed;
        }
    }

    function releaseAll(uint256 which, address caller) external {
        uint256 k = which % COUNT;
        vm.prank(caller);
        _waterfalls[k].releaseAll(_tokens[k], _configs[k], _residuals[k], SALT);
    }

    function block_(uint256 index, bool blocked) external {
        uint256 i = index % 4;
        BLOCKLIST.setBlocked(i == 3 ? _residuals[0] : _recipient(_configs[0][i]), blocked);
    }

    function refuse(bool refusing) external {
        SWITCHABLE.setRefusing(refusing);
    }

    function payStray(uint256 which, uint256 amount) external {
        uint256 k = which % COUNT;
        amount = bound(amount, 0, 1e24);
        STRAY.mint(address(_waterfalls[k]), amount);
        ghostStray[k] += amount;
    }

    function recoverStray(uint256 which) external {
        uint256 k = which % COUNT;
        _waterfalls[k].recover(address(STRAY), _tokens[k], _configs[k], _residuals[k], SALT);
    }

    /// @dev Lets every recipient take payments again (used in snapshots by the invariant test).
    function unblockAll() external {
        for (uint256 i; i < 3; ++i) BLOCKLIST.setBlocked(_recipient(_configs[0][i]), false);
        BLOCKLIST.setBlocked(_residuals[0], false);
        SWITCHABLE.setRefusing(false);
    }
}

contract WaterfallInvariantTest is WaterfallTestBase {
    WaterfallHandler internal handler;
    bytes32[3] internal codeHashes;

    function setUp() public {
        handler = new WaterfallHandler();
        for (uint256 k; k < 3; ++k) codeHashes[k] = address(handler.waterfall(k)).codehash;
        targetContract(address(handler));
    }

    function _balance(uint256 k) internal view returns (uint256) {
        address t = handler.token(k);
        address w = address(handler.waterfall(k));
        return t == address(0) ? w.balance : TestToken(t).balanceOf(w);
    }

    function _releasedOf(uint256 k) internal view returns (uint256[] memory r, uint256 sum) {
        uint256 n = handler.config(k).length;
        r = new uint256[](n + 1);
        Waterfall w = handler.waterfall(k);
        for (uint256 i; i < n; ++i) r[i] = w.trancheReleased(i);
        r[n] = w.residualReleased();
        for (uint256 i; i <= n; ++i) sum += r[i];
    }

    function _received(address t, address account) internal view returns (uint256) {
        return t == address(0) ? account.balance : TestToken(t).balanceOf(account);
    }

    function test_handler_reachesEveryPath() public {
        handler.pay(0, 3e6);
        handler.pay(0, 3e6);
        handler.block_(0, true);
        handler.releaseAll(0, address(7));
        handler.release(0, 0, address(7)); // Blocked: fails, only itself.
        handler.block_(0, false);
        handler.release(0, 0, address(7));
        handler.pay(2, 2e18);
        handler.pay(2, 2e18);
        handler.refuse(true);
        handler.releaseAll(2, address(8));
        handler.payStray(1, 5);
        handler.recoverStray(1);
        assertEq(handler.releasesPaid(), 1, "a release paid");
        assertEq(handler.releasesFailed(), 1, "a blocked release failed");
        assertEq(handler.waterfall(0).trancheReleased(0), 5e6, "first tranche full");
        assertEq(handler.waterfall(0).trancheReleased(1), 1e6, "second tranche in part");
        assertEq(handler.waterfall(2).trancheReleased(0), 0, "refusing tranche unpaid");
        assertEq(handler.waterfall(2).trancheReleased(1), 1e18, "next tranche paid regardless");
        assertEq(TestToken(address(handler.STRAY())).balanceOf(handler.residual(1)), 5, "stray to the residual");
    }

    /// @dev A tranche is never paid above its cap, whatever the token or the order of calls.
    function invariant_trancheNeverAboveCap() public view {
        for (uint256 k; k < 3; ++k) {
            uint256[] memory t = handler.config(k);
            for (uint256 i; i < t.length; ++i) {
                assertLe(handler.waterfall(k).trancheReleased(i), _cap(t[i]), "tranche released above cap");
                assertLe(_received(handler.token(k), _recipient(t[i])), _cap(t[i]), "recipient above cap");
            }
        }
    }

    /// @dev Nothing is lost: what came in is what is held plus what was released, and (fee tokens aside) what
    /// the recipients hold.
    function invariant_nothingLost() public view {
        for (uint256 k; k < 3; ++k) {
            (, uint256 sum) = _releasedOf(k);
            assertEq(handler.ghostReceived(k), _balance(k) + sum, "received == balance + released");
            if (k == 1) continue; // The fee token burns part of each payment on its way to the recipient.
            uint256[] memory t = handler.config(k);
            uint256 held;
            for (uint256 i; i < t.length; ++i) held += _received(handler.token(k), _recipient(t[i]));
            held += _received(handler.token(k), handler.residual(k));
            assertEq(handler.ghostReceived(k), _balance(k) + held, "received == balance + recipients");
        }
    }

    /// @dev Σ owed == balance exactly: every unit held belongs to some position, so no dust is ever stranded.
    function invariant_owedIsExactlyTheBalance() public view {
        for (uint256 k; k < 3; ++k) {
            (uint256 received, , uint256[] memory owed) = handler.waterfall(k).positions(
                handler.token(k),
                handler.config(k),
                handler.residual(k),
                handler.SALT()
            );
            uint256 sum;
            for (uint256 i; i < owed.length; ++i) sum += owed[i];
            assertEq(sum, _balance(k), "sum owed == balance");
            assertEq(received, handler.ghostReceived(k), "received");
        }
    }

    /// @dev Released so far never runs ahead of the entitlement; once every recipient can take payments, one
    /// releaseAll pays each tranche min(cap, what reached it) and the residual exactly what exceeds the caps.
    function invariant_residualReceivesExactlyTheExcess() public {
        uint256 snap = vm.snapshotState();
        handler.unblockAll();
        for (uint256 k; k < 3; ++k) {
            uint256[] memory t = handler.config(k);
            uint256 received = handler.ghostReceived(k);
            uint256[] memory e = _expected(t, received);
            (uint256[] memory before, ) = _releasedOf(k);
            for (uint256 i; i <= t.length; ++i) assertLe(before[i], e[i], "released ahead of entitlement");
            handler.waterfall(k).releaseAll(handler.token(k), t, handler.residual(k), handler.SALT());
            (uint256[] memory r, ) = _releasedOf(k);
            for (uint256 i; i <= t.length; ++i) assertEq(r[i], e[i], "position paid its exact entitlement");
            uint256 caps = _sumCaps(t);
            assertEq(r[t.length], received > caps ? received - caps : 0, "residual == excess over the caps");
            assertEq(_balance(k), 0, "nothing left behind");
        }
        vm.revertToState(snap);
    }

    /// @dev Tokens that are not the waterfall's never reach a tranche: they stay or go whole to the residual.
    function invariant_strayTokensOnlyToTheResidual() public view {
        TestToken stray = handler.STRAY();
        for (uint256 k; k < 3; ++k) {
            uint256[] memory t = handler.config(k);
            for (uint256 i; i < t.length; ++i) assertEq(stray.balanceOf(_recipient(t[i])), 0, "stray to a tranche");
            assertEq(
                stray.balanceOf(address(handler.waterfall(k))) + stray.balanceOf(handler.residual(k)),
                handler.ghostStray(k),
                "stray conserved"
            );
        }
    }

    /// @dev The config is committed in the address and the clone code never changes.
    function invariant_configImmutable() public view {
        for (uint256 k; k < 3; ++k) {
            (address predicted, ) = handler.FACTORY_().predictWaterfall(
                handler.token(k),
                handler.config(k),
                handler.residual(k),
                handler.SALT()
            );
            assertEq(predicted, address(handler.waterfall(k)), "config no longer matches the address");
            assertEq(address(handler.waterfall(k)).codehash, codeHashes[k], "clone code changed");
        }
    }
}
