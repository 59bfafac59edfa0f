// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {GrowthMath} from "../../../contracts/growth/GrowthMath.sol";

/// @notice The pool's index math alone: deposits lose nothing (what the index cannot give is carried exactly), and a
/// holder's earnings do not depend on how often it settles.
contract GrowthMathTest is Test {
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant MAX_INDEX = (1 << 127) - 1;

    function testFuzz_step_conservesEveryPartOfABaseUnit(uint256 amount, uint256 remainder, uint256 total) public pure {
        amount = bound(amount, 1, GrowthMath.MAX_AMOUNT);
        total = bound(total, 1, type(uint128).max);
        remainder = bound(remainder, 0, total - 1);
        (uint256 delta, uint256 newRemainder) = GrowthMath.step(amount, remainder, total);
        assertEq(delta * total + newRemainder, amount * SCALE + remainder, "given + kept back == deposited + carried");
        assertLt(newRemainder, total, "remainder stays below the total units");
    }

    function testFuzz_earned_isTheFloorOfTheExactAmount(uint256 units, uint256 delta, uint256 frac) public pure {
        units = bound(units, 0, type(uint64).max);
        delta = bound(delta, 0, type(uint128).max);
        frac = bound(frac, 0, SCALE - 1);
        (uint256 amount, uint256 newFrac) = GrowthMath.earned(units, 0, delta, frac);
        assertEq(amount * SCALE + newFrac, units * delta + frac, "nothing is lost or made up");
        assertLt(newFrac, SCALE, "fraction stays below one base unit");
    }

    function testFuzz_earned_sameWhetherSettledOnceOrTwice(
        uint256 units,
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 frac
    ) public pure {
        units = bound(units, 0, type(uint128).max);
        a = bound(a, 0, MAX_INDEX);
        b = bound(b, a, MAX_INDEX);
        c = bound(c, b, MAX_INDEX);
        frac = bound(frac, 0, SCALE - 1);
        (uint256 once, uint256 fracOnce) = GrowthMath.earned(units, a, c, frac);
        (uint256 first, uint256 fracMid) = GrowthMath.earned(units, a, b, frac);
        (uint256 second, uint256 fracTwice) = GrowthMath.earned(units, b, c, fracMid);
        assertEq(first + second, once, "same amount");
        assertEq(fracTwice, fracOnce, "same fraction");
    }
}
