// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Pure reward-per-unit math of the GrowthPool, kept apart so it can be fuzzed alone.
/// @dev Exact bookkeeping, in 1e-18 base units: a deposit (plus the previous remainder) raises a token's index by
/// `pot / totalUnits` and keeps `pot % totalUnits` as the next remainder, so holders' exact entitlements plus the
/// remainder always equal everything deposited. A holder with `units` earns `units * (index - checkpoint)`, paid in
/// whole base units, and the fraction is kept with its checkpoint: over its lifetime a holder is paid the floor of
/// its exact entitlement, whatever the number of deposits and claims.
library GrowthMath {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Index precision: the index counts 1e-18 base units per unit.
    uint256 internal constant SCALE = 1e18;

    /// @dev Largest single deposit: keeps `amount * SCALE + remainder` far inside 256 bits.
    uint256 internal constant MAX_AMOUNT = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Index increase for distributing `amount` plus the carried `remainder` (in 1e-18 base units) over
    /// `totalUnits`, and the new remainder (below `totalUnits`). Requires `amount <= MAX_AMOUNT`,
    /// `remainder < 2**128` and `totalUnits != 0`.
    function step(
        uint256 amount,
        uint256 remainder,
        uint256 totalUnits
    ) internal pure returns (uint256 delta, uint256 newRemainder) {
        uint256 pot = amount * SCALE + remainder;
        delta = pot / totalUnits;
        newRemainder = pot % totalUnits;
    }

    /// @dev What `units` earned as the index went from `from` to `to`, given the fraction `frac` (< SCALE) carried
    /// from earlier: whole base units and the new fraction. Requires `units < 2**128` and `to < 2**127`, so the
    /// product cannot overflow.
    function earned(
        uint256 units,
        uint256 from,
        uint256 to,
        uint256 frac
    ) internal pure returns (uint256 amount, uint256 newFrac) {
        uint256 exact = units * (to - from) + frac;
        return (exact / SCALE, exact % SCALE);
    }
}
