// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Pure routing math of the SubscriptionHub, kept apart so it can be fuzzed alone.
library HubMath {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Splits `amount` into referral, pool and platform parts. Both bps parts are floored and the platform
    /// takes the remainder, so the three parts always add up to `amount` exactly.
    /// Requires `referralBps + poolBps <= BPS`, which proposals enforce. The products are checked, so an amount
    /// too large for `amount * bps` reverts instead of wrapping (hub prices are uint96, far below that).
    function split(
        uint256 amount,
        uint256 referralBps,
        uint256 poolBps,
        bool withReferral
    ) internal pure returns (uint256 referralPart, uint256 poolPart, uint256 platformPart) {
        if (withReferral) referralPart = (amount * referralBps) / BPS;
        poolPart = (amount * poolBps) / BPS;
        // Why unchecked: each part is at most amount * bps / BPS and the two bps add up to at most BPS, so
        // referralPart + poolPart <= amount.
        unchecked {
            platformPart = amount - referralPart - poolPart;
        }
    }

    /// @dev Whether the referral part of a payment at `timestamp` goes to the referrer rather than the platform.
    /// An organic subscriber (no referrer) or a binding past its referral end pays the platform instead.
    function referralActive(address referrer, uint256 referralEndsAt, uint256 timestamp) internal pure returns (bool) {
        return referrer != address(0) && timestamp < referralEndsAt;
    }

    /// @dev When a referral bound at `timestamp` ends; zero duration means lifetime (the uint40 maximum).
    function referralEnd(uint256 timestamp, uint256 duration) internal pure returns (uint40) {
        if (duration == 0) return type(uint40).max;
        // Why unchecked: timestamp < 2**40 and duration < 2**32, so the sum fits 2**41 and is capped below.
        unchecked {
            uint256 end = timestamp + duration;
            return end > type(uint40).max ? type(uint40).max : uint40(end);
        }
    }
}
