// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @notice Pure reward-per-unit math of the GrowthPool, kept apart so it can be fuzzed alone.
/// @dev A deposit raises a token's index by `amount * SCALE / totalUnits` (floored; what the floor leaves is carried
/// into the next deposit). A holder with `units` earns `units * (index - checkpoint) / SCALE`, and the fraction the
/// floor drops is kept with the holder's checkpoint, so over its lifetime a holder is paid the floor of its exact
/// entitlement: at most one base unit below it, whatever the number of deposits and claims.
library GrowthMath {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Index precision. With units below 2**128, what a deposit cannot assign is below 2**128 / 1e18 + 1
    /// base units, and it is carried, not lost.
    uint256 internal constant SCALE = 1e18;

    /// @dev Largest deposit (with its carry): keeps `amount * SCALE` far inside 256 bits.
    uint256 internal constant MAX_AMOUNT = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Index increase for distributing `amount` over `totalUnits`, and what is left to carry.
    /// Requires `amount <= MAX_AMOUNT` and `totalUnits != 0`.
    function step(uint256 amount, uint256 totalUnits) internal pure returns (uint256 delta, uint256 carry) {
        delta = (amount * SCALE) / totalUnits;
        // Why unchecked: delta * totalUnits <= amount * SCALE < 2**188, and its quotient by SCALE is <= amount.
        unchecked {
            carry = amount - (delta * totalUnits) / SCALE;
        }
    }

    /// @dev What `units` earned as the index went from `from` to `to`, given the fraction `frac` (< SCALE) carried
    /// from earlier; returns the whole base units and the new fraction. Exact in 512 bits: no precision is lost.
    function earned(
        uint256 units,
        uint256 from,
        uint256 to,
        uint256 frac
    ) internal pure returns (uint256 amount, uint256 newFrac) {
        uint256 delta = to - from;
        amount = FixedPointMathLib.fullMulDiv(units, delta, SCALE);
        newFrac = frac + mulmod(units, delta, SCALE);
        if (newFrac >= SCALE) {
            // Why unchecked: both fractions are below SCALE, so their sum is below 2 * SCALE, and amount is far
            // below 2**256 (units < 2**128, delta < 2**184).
            unchecked {
                newFrac -= SCALE;
                ++amount;
            }
        }
    }
}
