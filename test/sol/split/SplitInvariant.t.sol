// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SplitTestBase} from "./SplitTestBase.sol";
import {SplitFactory} from "../../../contracts/split/SplitFactory.sol";
import {Split} from "../../../contracts/split/Split.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";

/// @notice Drives one 5-payee Split with ETH and ERC-20 pay-ins, single releases and releaseAll by random
/// callers, and keeps ghost totals of what came in.
contract SplitHandler is SplitTestBase {
    SplitFactory public immutable FACTORY_;
    Split public immutable SPLIT;
    TestToken public immutable TOKEN;
    bytes32 public constant SALT = keccak256("invariant");
    uint256[] internal _config;

    mapping(address token => uint256) public ghostReceived;

    constructor() {
        FACTORY_ = new SplitFactory();
        TOKEN = new TestToken("T", "T", 6);
        uint96[] memory shares = new uint96[](5);
        shares[0] = 1;
        shares[1] = 7;
        shares[2] = 13;
        shares[3] = 29;
        shares[4] = 50;
        _config = _payees(5, 42, shares);
        SPLIT = Split(FACTORY_.createSplit(_config, SALT));
    }

    function config() external view returns (uint256[] memory) {
        return _config;
    }

    function payEth(uint256 amount) external {
        amount = bound(amount, 0, 1e24);
        vm.deal(address(this), amount);
        payable(address(SPLIT)).transfer(amount);
        // Ghost bookkeeping of the test handler, after paying the Split it tests.
        // solhint-disable-next-line reentrancy
        ghostReceived[address(0)] += amount;
    }

    function payToken(uint256 amount) external {
        amount = bound(amount, 0, 1e24);
        TOKEN.mint(address(SPLIT), amount);
        ghostReceived[address(TOKEN)] += amount;
    }

    function release(uint256 payeeSeed, bool eth, address caller) external {
        uint256 i = payeeSeed % _config.length;
        address token = eth ? address(0) : address(TOKEN);
        uint256 total = _total(_config);
        bytes32[] memory proof = _proof(_config, SALT, i);
        vm.prank(caller);
        SPLIT.release(token, _account(_config[i]), _share(_config[i]), total, SALT, proof);
    }

    function releaseAll(bool eth, address caller) external {
        vm.prank(caller);
        SPLIT.releaseAll(eth ? address(0) : address(TOKEN), _config, SALT);
    }
}

contract SplitInvariantTest is SplitTestBase {
    SplitHandler internal handler;
    Split internal split;
    bytes32 internal codeHash;

    function setUp() public {
        handler = new SplitHandler();
        split = handler.SPLIT();
        codeHash = address(split).codehash;
        targetContract(address(handler));
    }

    function _tokens() internal view returns (address[2] memory) {
        return [address(0), address(handler.TOKEN())];
    }

    function _balance(address token) internal view returns (uint256) {
        return token == address(0) ? address(split).balance : handler.TOKEN().balanceOf(address(split));
    }

    function invariant_solvency() public view {
        uint256[] memory p = handler.config();
        uint256 total = _total(p);
        address[2] memory tokens = _tokens();
        for (uint256 t; t < 2; ++t) {
            uint256 owedSum;
            for (uint256 i; i < p.length; ++i) owedSum += split.owed(tokens[t], _account(p[i]), _share(p[i]), total);
            assertGe(_balance(tokens[t]), owedSum, "balance below sum owed");
        }
    }

    function invariant_receivedEqualsBalancePlusReleased() public view {
        address[2] memory tokens = _tokens();
        for (uint256 t; t < 2; ++t) {
            assertEq(
                handler.ghostReceived(tokens[t]),
                _balance(tokens[t]) + split.totalReleased(tokens[t]),
                "received"
            );
        }
    }

    function invariant_noPayeeAboveShare() public view {
        uint256[] memory p = handler.config();
        uint256 total = _total(p);
        address[2] memory tokens = _tokens();
        for (uint256 t; t < 2; ++t) {
            uint256 sum;
            for (uint256 i; i < p.length; ++i) {
                uint256 r = split.released(tokens[t], _account(p[i]));
                assertLe(r, (uint256(_share(p[i])) * handler.ghostReceived(tokens[t])) / total, "above share");
                sum += r;
            }
            assertEq(sum, split.totalReleased(tokens[t]), "sum released");
        }
    }

    /// @dev Releases everyone in a snapshot, checks the dust, and rolls back.
    function invariant_dustBelowPayeeCount() public {
        uint256[] memory p = handler.config();
        uint256 snap = vm.snapshotState();
        address[2] memory tokens = _tokens();
        for (uint256 t; t < 2; ++t) {
            split.releaseAll(tokens[t], p, handler.SALT());
            assertLt(_balance(tokens[t]), p.length, "dust");
        }
        vm.revertToState(snap);
    }

    function invariant_sharesImmutable() public view {
        (address predicted, ) = handler.FACTORY_().predictSplit(handler.config(), handler.SALT());
        assertEq(predicted, address(split), "config no longer matches the address");
        assertEq(address(split).codehash, codeHash, "clone code changed");
    }
}
