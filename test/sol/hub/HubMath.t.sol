// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {HubMath} from "../../../contracts/hub/HubMath.sol";

/// @notice The routing math alone: parts are floors of their bps and the platform takes the exact remainder.
contract HubMathTest is Test {
    function testFuzz_split_partsAddUpToAmount(
        uint256 amount,
        uint256 referralBps,
        uint256 poolBps,
        bool withReferral
    ) public pure {
        amount = bound(amount, 0, type(uint96).max);
        referralBps = bound(referralBps, 0, 10_000);
        poolBps = bound(poolBps, 0, 10_000 - referralBps);
        (uint256 referralPart, uint256 poolPart, uint256 platformPart) = HubMath.split(
            amount,
            referralBps,
            poolBps,
            withReferral
        );
        assertEq(referralPart + poolPart + platformPart, amount, "parts add up to the amount");
        assertEq(referralPart, withReferral ? (amount * referralBps) / 10_000 : 0, "referral part is the floor");
        assertEq(poolPart, (amount * poolBps) / 10_000, "pool part is the floor");
        // The platform's remainder is at least its own bps share, never less.
        assertGe(platformPart, (amount * (10_000 - referralBps - poolBps)) / 10_000, "platform gets the remainder");
    }

    function testFuzz_referralEnd_capsAtLifetime(uint256 timestamp, uint256 duration) public pure {
        timestamp = bound(timestamp, 0, type(uint40).max);
        duration = bound(duration, 0, type(uint32).max);
        uint256 end = HubMath.referralEnd(timestamp, duration);
        if (duration == 0) assertEq(end, type(uint40).max, "zero duration is lifetime");
        else assertEq(end, _min(timestamp + duration, type(uint40).max), "end is start plus duration, capped");
    }

    function test_referralEnd_capsNearTheEndOfTime() public pure {
        assertEq(HubMath.referralEnd(type(uint40).max - 1, 10), type(uint40).max, "capped at the uint40 maximum");
    }

    function testFuzz_referralActive_onlyWithReferrerBeforeEnd(address referrer, uint40 endsAt, uint40 at) public pure {
        bool active = HubMath.referralActive(referrer, endsAt, at);
        assertTrue(active == (referrer != address(0) && at < endsAt), "active iff a referrer and before the end");
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
