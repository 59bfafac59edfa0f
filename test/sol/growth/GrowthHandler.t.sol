// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {GrowthFixture} from "./GrowthFixture.sol";
import {MerkleBuilder} from "../distributor/MerkleBuilder.sol";
import {GrowthPool} from "../../../contracts/growth/GrowthPool.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {UsdcLikeToken} from "../../../contracts/mocks/UsdcLikeToken.sol";

/// @notice Drives a GrowthPool on a real SubscriptionHub (USDC-like token) with four referrers: hub payments that stay
/// unsynced for a while, `sync`, `syncMany`, audited publication units (`creditUnits`), deposits in ETH, the hub's
/// token and a second token listed partway and removed again, claims, time passing, and a just-in-time farmer that
/// pays through the hub, syncs and deposits in one block. Ghost books model the rule independently of the pool: units
/// credited during epoch `e` earn from deposits made from the start of epoch `e + 2` on.
contract GrowthHandler is Test {
    uint256 internal constant HOLDERS = 4;
    /// @dev The farmer (holder 3) also acts just in time.
    uint256 internal constant FARMER = 3;
    uint256 internal constant TOKENS = 3;
    uint256 internal constant DELAY = GrowthFixture.DELAY;
    uint256 internal constant WINDOW = GrowthFixture.WINDOW;
    uint96 internal constant PRICE = GrowthFixture.PRICE;
    /// @dev Ghost precision for the ideal shares: 1e-18 base units, as the pool's index.
    uint256 internal constant GHOST_SCALE = 1e18;

    GrowthPool public pool;
    SubscriptionHub public hub;
    UsdcLikeToken public usdc;
    TestToken public second;
    address[HOLDERS] internal _holders;
    address[TOKENS] internal _tokens;
    uint256 internal _fans;

    /// @dev Each holder's credits as the pool reported them, with the epoch they earn from.
    mapping(address holder => uint256[]) internal _creditUnits;
    mapping(address holder => uint256[]) internal _creditEpoch;
    /// @dev Cumulative publication units per holder, and their order in the four-leaf tree.
    uint256[4] internal _published;

    uint256 public ghostDeposits;
    uint256 public ghostJitDeposits;
    mapping(address token => uint256) public ghostDeposited;
    mapping(address token => mapping(address holder => uint256)) public ghostPaid;
    /// @dev Σ over deposits of (deposit + remainder carried in) × active units / active total, scaled and floored.
    mapping(address token => mapping(address holder => uint256)) public ghostIdealScaled;
    /// @dev Σ over deposits of the holder's active units then (bounds the index's per-unit flooring).
    mapping(address token => mapping(address holder => uint256)) public ghostUnitsAtDeposits;

    /// @dev The test deploys the contracts (`GrowthFixture.deploy`) and hands the pool's ownership to the handler.
    constructor(GrowthPool pool_, SubscriptionHub hub_, UsdcLikeToken usdc_, TestToken second_) {
        (pool, hub, usdc, second) = (pool_, hub_, usdc_, second_);
        for (uint256 i; i < HOLDERS; ++i) _holders[i] = address(uint160(0xA11CE + i));
        _tokens = [address(0), address(usdc), address(second)];
        usdc.approve(address(pool), type(uint256).max);
        second.approve(address(pool), type(uint256).max);
    }

    function holder(uint256 i) external view returns (address) {
        return _holders[i];
    }

    function token(uint256 i) external view returns (address) {
        return _tokens[i];
    }

    /// @notice A new fan pays through holder `who`: the hub books units the pool has not synced yet.
    function pay(uint256 who) public {
        address fan = address(uint160(0xFA0000 + ++_fans));
        usdc.mint(fan, PRICE);
        vm.startPrank(fan);
        usdc.approve(address(hub), PRICE);
        hub.subscribe(0, _holders[who % HOLDERS], 0);
        vm.stopPrank();
    }

    function sync(uint256 who) public {
        address h = _holders[who % HOLDERS];
        (uint256 before, ) = pool.unitsOf(h);
        pool.sync(h);
        (uint256 afterSync, ) = pool.unitsOf(h);
        _record(h, afterSync - before);
    }

    function syncAll() external {
        uint256[HOLDERS] memory before;
        address[] memory all = new address[](HOLDERS);
        for (uint256 i; i < HOLDERS; ++i) {
            all[i] = _holders[i];
            (before[i], ) = pool.unitsOf(all[i]);
        }
        pool.syncMany(all);
        for (uint256 i; i < HOLDERS; ++i) {
            (uint256 afterSync, ) = pool.unitsOf(all[i]);
            _record(all[i], afterSync - before[i]);
        }
    }

    /// @notice Publishes `units` more for holder `who` in an audited root (the handler is the publisher), waits out the
    /// window and credits it.
    function publish(uint256 who, uint256 units) external {
        uint256 i = who % HOLDERS;
        _published[i] += bound(units, 1, 1e12);
        address[4] memory accounts = [_holders[0], _holders[1], _holders[2], _holders[3]];
        uint256[4] memory amounts = [_published[0], _published[1], _published[2], _published[3]];
        uint256 total = amounts[0] + amounts[1] + amounts[2] + amounts[3];
        pool.propose(MerkleBuilder.root(accounts, amounts), total, bytes32(ghostDeposits), "");
        vm.warp(block.timestamp + WINDOW);
        (, uint256 before) = pool.unitsOf(accounts[i]);
        pool.creditUnits(accounts[i], amounts[i], MerkleBuilder.proof(accounts, amounts, i));
        _record(accounts[i], amounts[i] - before);
    }

    function deposit(uint256 which, uint256 amount) public {
        address t = _tokens[which % TOKENS];
        (, , bool allowed) = pool.tokenState(t);
        uint256 total = _totalActive();
        if (!allowed || total == 0) return;
        amount = bound(amount, 1, 1e15);
        (, uint256 remainder, ) = pool.tokenState(t);
        for (uint256 i; i < HOLDERS; ++i) {
            uint256 u = _active(_holders[i]);
            ghostIdealScaled[t][_holders[i]] += ((amount * GHOST_SCALE + remainder) * u) / total;
            ghostUnitsAtDeposits[t][_holders[i]] += u;
        }
        bytes32 ref = keccak256(abi.encode(ghostDeposits));
        if (t == address(0)) {
            vm.deal(address(this), amount);
            pool.depositETH{value: amount}(1, ref);
        } else if (t == address(usdc)) {
            usdc.mint(address(this), amount);
            pool.deposit(t, amount, 1, ref);
        } else {
            second.mint(address(this), amount);
            pool.deposit(t, amount, 1, ref);
        }
        ghostDeposited[t] += amount;
        ++ghostDeposits;
    }

    /// @notice The farmer pays through its own link, syncs and deposits in the same block.
    function jitDeposit(uint256 which, uint256 amount) external {
        pay(FARMER);
        sync(FARMER);
        uint256 before = ghostDeposits;
        deposit(which, amount);
        if (ghostDeposits != before) ++ghostJitDeposits;
    }

    function claim(uint256 who) external {
        address h = _holders[who % HOLDERS];
        address[] memory all = new address[](TOKENS);
        uint256[TOKENS] memory before;
        bool any;
        for (uint256 i; i < TOKENS; ++i) {
            all[i] = _tokens[i];
            before[i] = _balance(all[i], h);
            if (pool.claimable(h, all[i]) != 0) any = true;
        }
        if (!any) return;
        pool.claim(h, all);
        for (uint256 i; i < TOKENS; ++i) ghostPaid[all[i]][h] += _balance(all[i], h) - before[i];
    }

    /// @notice Lists the second token (the first time, partway through), or removes or re-allows it.
    function toggleSecond() external {
        (, , bool allowed) = pool.tokenState(address(second));
        pool.setTokenAllowed(address(second), !allowed);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 * DELAY));
    }

    /// @notice Units the ghost counts as earning for `h` now.
    function activeOf(address h) external view returns (uint256) {
        return _active(h);
    }

    function _record(address h, uint256 added) internal {
        if (added == 0) return;
        _creditUnits[h].push(added);
        _creditEpoch[h].push(block.timestamp / DELAY + 2);
    }

    function _active(address h) internal view returns (uint256 units) {
        uint256 epoch = block.timestamp / DELAY;
        for (uint256 i; i < _creditUnits[h].length; ++i) {
            if (_creditEpoch[h][i] <= epoch) units += _creditUnits[h][i];
        }
    }

    function _totalActive() internal view returns (uint256 total) {
        for (uint256 i; i < HOLDERS; ++i) total += _active(_holders[i]);
    }

    function _balance(address t, address h) internal view returns (uint256) {
        return t == address(0) ? h.balance : TestToken(t).balanceOf(h);
    }
}
