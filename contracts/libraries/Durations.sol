// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The one bound on every duration fixed at deployment (a notice period, a challenge window, a grace period):
/// an hour to ten years. Below an hour a notice or a window protects nobody; above ten years `now + duration` would
/// look like forever to a reader, and the bound keeps it far inside the 40- and 64-bit times it is stored in, so no
/// cast can truncate it.
library Durations {
    uint256 internal constant MIN = 1 hours;
    uint256 internal constant MAX = 3650 days;

    /// @dev Whether `duration` is within [MIN, MAX].
    function valid(uint256 duration) internal pure returns (bool) {
        return duration >= MIN && duration <= MAX;
    }
}
