// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {GrowthPool} from "../../../contracts/growth/GrowthPool.sol";
import {MockUnitsHub} from "../../../contracts/mocks/MockUnitsHub.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";

/// @notice Drives a GrowthPool with four holders through unit credits, deposits and claims, keeping ghost books:
/// what was deposited and paid, and each holder's exact share of every deposit at its units of that moment.
contract GrowthHandler is Test {
    uint256 internal constant HOLDERS = 4;
    uint256 internal constant DELAY = 30 days;
    /// @dev Ghost precision for the ideal shares: 1e-18 base units, as the pool's index.
    uint256 internal constant GHOST_SCALE = 1e18;

    GrowthPool public pool;
    MockUnitsHub public hub;
    TestToken public token;
    address[HOLDERS] internal _holders;

    uint256 public ghostDeposited;
    uint256 public ghostDeposits;
    mapping(address holder => uint256) public ghostPaid;
    /// @dev Σ over deposits of (deposit + remainder carried in) × units / total units, scaled and floored.
    mapping(address holder => uint256) public ghostIdealScaled;
    /// @dev Σ over deposits of the holder's units then (bounds the index's per-unit flooring).
    mapping(address holder => uint256) public ghostUnitsAtDeposits;
    /// @dev Σ over deposits of deposit × units / total units (the issue's form, without carries), scaled.
    mapping(address holder => uint256) public ghostIdealNoCarryScaled;

    constructor() {
        hub = new MockUnitsHub();
        token = new TestToken("USD Coin", "USDC", 6);
        address[] memory tokens = new address[](1);
        tokens[0] = address(token);
        bytes32[] memory bases = new bytes32[](1);
        bases[0] = "ad-revenue";
        uint16[] memory bps = new uint16[](1);
        bps[0] = 2_000;
        pool = new GrowthPool(address(hub), address(this), [uint256(7 days), 3 days, DELAY], new address[](0), tokens, bases, bps);
        for (uint256 i; i < HOLDERS; ++i) _holders[i] = address(uint160(0xA11CE + i));
        token.approve(address(pool), type(uint256).max);
    }

    function holder(uint256 i) external view returns (address) {
        return _holders[i];
    }

    function addUnits(uint256 who, uint256 units) external {
        address h = _holders[who % HOLDERS];
        units = bound(units, 1, 1e12);
        hub.setUnits(h, hub.unitsOf(h) + units);
        pool.sync(h);
    }

    function deposit(uint256 amount) external {
        uint256 total = pool.totalUnits();
        if (total == 0) return;
        amount = bound(amount, 1, 1e15);
        (, uint256 remainder, ) = pool.tokenState(address(token));
        for (uint256 i; i < HOLDERS; ++i) {
            (uint256 u, ) = pool.unitsOf(_holders[i]);
            ghostIdealScaled[_holders[i]] += ((amount * GHOST_SCALE + remainder) * u) / total;
            ghostIdealNoCarryScaled[_holders[i]] += (amount * GHOST_SCALE * u) / total;
            ghostUnitsAtDeposits[_holders[i]] += u;
        }
        token.mint(address(this), amount);
        pool.deposit(address(token), amount, 1, keccak256(abi.encode(ghostDeposits)));
        ghostDeposited += amount;
        ++ghostDeposits;
    }

    function claim(uint256 who) external {
        address h = _holders[who % HOLDERS];
        if (pool.claimable(h, address(token)) == 0) return;
        address[] memory tokens = new address[](1);
        tokens[0] = address(token);
        uint256 before = token.balanceOf(h);
        pool.claim(h, tokens);
        ghostPaid[h] += token.balanceOf(h) - before;
    }
}
