// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {ReferrerSlot} from "../../../contracts/hub/HubSlots.sol";

/// @dev Exposes the referrer word's packing so a revert can be expected from an external call.
contract ReferrerSlotHarness {
    function credit(uint256 word, uint256 part, uint256 units) external pure returns (uint256) {
        return ReferrerSlot.unwrap(ReferrerSlot.wrap(word).credit(part, units));
    }
}

/// @notice The hub's referrer word: a referral balance and growth units side by side, neither spilling into the
/// other, and withdrawing the balance never touches the units.
contract HubUnitsTest is Test {
    ReferrerSlotHarness internal harness = new ReferrerSlotHarness();

    function testFuzz_credit_addsBothFieldsApart(
        uint128 balance,
        uint128 units,
        uint96 part,
        uint96 added
    ) public pure {
        vm.assume(uint256(balance) + part <= type(uint128).max && uint256(units) + added <= type(uint128).max);
        ReferrerSlot r = ReferrerSlot.wrap(uint256(balance) | (uint256(units) << 128)).credit(part, added);
        assertEq(r.balance(), uint256(balance) + part, "balance");
        assertEq(r.units(), uint256(units) + added, "units");
        assertEq(r.withoutBalance().units(), uint256(units) + added, "withdrawing keeps the units");
        assertEq(r.withoutBalance().balance(), 0, "withdrawing clears the balance");
    }

    function test_RevertWhen_balanceOrUnitsWouldOverflow() public {
        uint256 full = type(uint128).max;
        vm.expectRevert(abi.encodeWithSelector(ISubscriptionHub.HubLedgerOverflow.selector, full + 1));
        harness.credit(full, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(ISubscriptionHub.HubLedgerOverflow.selector, full + 1));
        harness.credit(full << 128, 0, 1);
    }
}
