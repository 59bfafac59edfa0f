// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {HubHandler} from "./HubHandler.t.sol";

/// @notice The hub's invariants from DESIGN.md under random subscribing, renewing (single and batch), cancelling,
/// allowance revocation, withdrawals, terms and plan proposals, time warps and period closes.
contract SubscriptionHubInvariantTest is Test {
    HubHandler internal handler;

    function setUp() public {
        handler = new HubHandler();
        bytes4[] memory selectors = new bytes4[](15);
        selectors[0] = HubHandler.subscribe.selector;
        selectors[1] = HubHandler.subscribe.selector; // Twice: subscriptions drive everything else.
        selectors[2] = HubHandler.renew.selector;
        selectors[3] = HubHandler.renewBatch.selector;
        selectors[4] = HubHandler.cancel.selector;
        selectors[5] = HubHandler.setAllowance.selector;
        selectors[6] = HubHandler.withdraw.selector;
        selectors[7] = HubHandler.withdrawPlatform.selector;
        selectors[8] = HubHandler.closePeriod.selector;
        selectors[9] = HubHandler.proposeTerms.selector;
        selectors[10] = HubHandler.proposePlan.selector;
        selectors[11] = HubHandler.retirePlan.selector;
        selectors[12] = HubHandler.warp.selector;
        selectors[13] = HubHandler.ownershipChurn.selector;
        selectors[14] = HubHandler.strangerClosePeriod.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function invariant_ownershipNeverRenounced() public view {
        assertEq(handler.renounced(), 0, "renounceOwnership succeeded");
        assertEq(handler.hub().owner(), address(handler), "the handler owns the hub after every churn");
    }

    /// @dev The adversarial closer reaches both sides of the bound: refused while the period is fresh, closing once it
    /// is overdue.
    function test_handler_strangerClosesOnlyOnceOverdue() public {
        handler.strangerClosePeriod(0);
        assertEq(handler.strangerCloses(), 0, "refused while fresh");
        handler.warp(15 days);
        handler.warp(5 days);
        handler.strangerClosePeriod(0);
        assertEq(handler.strangerCloses(), 1, "closed once overdue");
        handler.strangerClosePeriod(1);
        assertEq(handler.strangerCloses(), 1, "the next period is fresh again");
        assertEq(handler.ghostEarlyCloses() + handler.ghostRefusedOverdueCloses(), 0, "ghosts agree");
    }

    /// @dev L-03: a stranger closes a period only once it is overdue, and never fails to then.
    function invariant_strangersCloseOnlyOverduePeriods() public view {
        assertEq(handler.ghostEarlyCloses(), 0, "a stranger closed a period before it was overdue");
        assertEq(handler.ghostRefusedOverdueCloses(), 0, "a stranger was refused an overdue period");
    }

    /// @dev The hub's period clock is the handler's: opened at deployment, restarted by every close.
    function invariant_periodClockRestartsAtEveryClose() public view {
        assertEq(handler.hub().periodOpenedAt(), handler.ghostOpenedAt(), "periodOpenedAt is the last close");
    }

    /// @dev L-03: whatever the owner does or fails to do, an overdue period's pool reaches the distributor.
    function invariant_anyoneClosesAnOverduePeriod() public {
        uint256 snap = vm.snapshotState();
        (uint256 pool, , uint256 period) = handler.hub().ledger();
        address distributor = address(handler.distributor());
        uint256 before = handler.token().balanceOf(distributor);
        vm.warp(handler.ghostOpenedAt() + handler.OVERDUE());
        vm.prank(handler.STRANGER());
        assertEq(handler.hub().closePeriod(), pool, "the whole open pool is funded");
        assertEq(handler.token().balanceOf(distributor) - before, pool, "the distributor received it");
        (, , uint256 next) = handler.hub().ledger();
        assertEq(next, period + 1, "the next period is open");
        vm.revertToState(snap);
    }

    function invariant_routingExact() public view {
        assertEq(
            handler.ghostPaid(),
            handler.ghostReferral() + handler.ghostPool() + handler.ghostPlatform(),
            "paid == referral + pool + platform"
        );
    }

    function invariant_solvency() public view {
        (uint256 pool, uint256 platformBalance, ) = handler.hub().ledger();
        uint256 owed = pool + platformBalance;
        for (uint256 i; i < 2; ++i) owed += handler.hub().referralBalanceOf(handler.referrer(i));
        uint256 held = handler.token().balanceOf(address(handler.hub()));
        assertGe(held, owed, "hub balance covers every balance it books");
        // Nothing else moves the hub's tokens: what came in minus what went out is what it holds.
        uint256 out = handler.ghostFunded() + handler.ghostPlatformWithdrawn();
        for (uint256 i; i < 2; ++i) out += handler.ghostWithdrawn(handler.referrer(i));
        assertEq(held, handler.ghostPaid() - out, "hub balance is paid in minus paid out");
    }

    function invariant_attributionNeverChanges() public view {
        for (uint256 i; i < 4; ++i) {
            address sub = handler.subscriber(i);
            if (!handler.isBound(sub)) {
                assertEq(handler.hub().bindingOf(sub).termsVersion, 0, "unbound until the first subscription");
                continue;
            }
            ISubscriptionHub.Binding memory now_ = handler.hub().bindingOf(sub);
            ISubscriptionHub.Binding memory then_ = handler.recorded(sub);
            assertEq(now_.referrer, then_.referrer, "referrer");
            assertEq(now_.referralEndsAt, then_.referralEndsAt, "referral end");
            assertEq(now_.referralBps, then_.referralBps, "referral bps");
            assertEq(now_.poolBps, then_.poolBps, "pool bps");
            assertEq(now_.termsVersion, then_.termsVersion, "terms version");
        }
    }

    function invariant_termsNotRetroactive() public view {
        for (uint256 i; i < 4; ++i) {
            address sub = handler.subscriber(i);
            if (!handler.isBound(sub)) continue;
            ISubscriptionHub.Binding memory b = handler.hub().bindingOf(sub);
            assertEq(b.termsVersion, handler.expectedVersion(sub), "bound to the version effective at join");
            ISubscriptionHub.Terms memory logged = handler.loggedTerms(b.termsVersion);
            assertEq(b.referralBps, logged.referralBps, "referral bps of that version");
            assertEq(b.poolBps, logged.poolBps, "pool bps of that version");
            assertLe(logged.effectiveAt, b.referralEndsAt, "bound only once that version was effective");
            ISubscriptionHub.Terms memory onChain = handler.hub().terms(b.termsVersion);
            assertEq(onChain.effectiveAt, logged.effectiveAt, "announced with the full notice");
        }
    }

    function invariant_noOneMovesAnothersBalance() public view {
        for (uint256 i; i < 2; ++i) {
            address ref = handler.referrer(i);
            assertEq(
                handler.ghostCredited(ref),
                handler.hub().referralBalanceOf(ref) + handler.ghostWithdrawn(ref),
                "a referral balance leaves only to its account"
            );
            assertEq(handler.token().balanceOf(ref), handler.ghostWithdrawn(ref), "the account got every withdrawal");
        }
        for (uint256 i; i < 4; ++i) {
            address sub = handler.subscriber(i);
            assertEq(
                handler.token().balanceOf(sub),
                handler.minted() - handler.ghostPaidBy(sub),
                "a subscriber loses only what it paid"
            );
        }
    }
}
