// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {GrowthFixture} from "./GrowthFixture.sol";
import {GrowthHandler} from "./GrowthHandler.t.sol";
import {GrowthPool} from "../../../contracts/growth/GrowthPool.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {UsdcLikeToken} from "../../../contracts/mocks/UsdcLikeToken.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";

/// @notice The growth pool's invariants on a real hub, in three tokens, under hub payments, syncs, publications,
/// deposits, claims, listing changes, time passing and a just-in-time farmer. Rounding bound: a holder's earnings
/// (paid + claimable) are at most its exact share of every deposit by the units that had waited out their delay, plus
/// the remainder carried into it, and less than one base unit (plus Σ its units at deposits × 1e-18) below it.
contract GrowthPoolInvariantTest is Test {
    GrowthHandler internal handler;
    uint256 internal constant GHOST_SCALE = 1e18;
    uint256 internal constant HOLDERS = 4;
    uint256 internal constant TOKENS = 3;

    function setUp() public {
        (GrowthPool pool, SubscriptionHub hub, UsdcLikeToken usdc, TestToken second) = GrowthFixture.deploy(
            address(this)
        );
        handler = new GrowthHandler(pool, hub, usdc, second);
        pool.setPublisher(address(handler));
        pool.transferOwnership(address(handler));
        vm.prank(address(handler));
        pool.acceptOwnership();
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = GrowthHandler.pay.selector;
        selectors[1] = GrowthHandler.sync.selector;
        selectors[2] = GrowthHandler.syncAll.selector;
        selectors[3] = GrowthHandler.publish.selector;
        selectors[4] = GrowthHandler.deposit.selector;
        selectors[5] = GrowthHandler.jitDeposit.selector;
        selectors[6] = GrowthHandler.claim.selector;
        selectors[7] = GrowthHandler.toggleSecond.selector;
        selectors[8] = GrowthHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function test_handler_reachesPayingClaimsInEveryToken() public {
        handler.pay(0);
        handler.pay(0);
        handler.pay(1);
        handler.syncAll();
        handler.publish(2, 5_000_000);
        handler.warp(60 days);
        handler.warp(1 days);
        handler.toggleSecond();
        for (uint256 t; t < TOKENS; ++t) handler.deposit(t, 1_000_001);
        handler.jitDeposit(1, 10 ** 12); // the farmer's fresh units earn nothing from it
        handler.claim(0);
        handler.claim(3);
        assertEq(handler.ghostDeposits(), 4, "four deposits");
        assertEq(handler.ghostJitDeposits(), 1, "one just-in-time deposit");
        address farmer = handler.holder(3);
        assertEq(handler.pool().claimable(farmer, handler.token(1)), 0, "the farmer earned nothing");
        assertGe(handler.ghostPaid(handler.token(0), handler.holder(0)), 1, "holder 0 paid in ETH");
        assertGe(handler.ghostPaid(handler.token(2), handler.holder(0)), 1, "holder 0 paid in the second token");
        handler.toggleSecond();
        handler.deposit(2, 5); // refused silently by the handler: the token is removed
        assertEq(handler.ghostDeposits(), 4, "no deposit of a removed token");
    }

    function invariant_paidNeverExceedsDeposited() public view {
        for (uint256 t; t < TOKENS; ++t) {
            address token = handler.token(t);
            uint256 paid;
            for (uint256 i; i < HOLDERS; ++i) paid += handler.ghostPaid(token, handler.holder(i));
            assertLe(paid, handler.ghostDeposited(token), "sum paid <= sum deposited");
            assertEq(_held(token), handler.ghostDeposited(token) - paid, "pool holds deposited minus paid");
        }
    }

    function invariant_booksCoverEveryEntitlement() public view {
        for (uint256 t; t < TOKENS; ++t) {
            address token = handler.token(t);
            uint256 owed;
            for (uint256 i; i < HOLDERS; ++i) owed += handler.pool().claimable(handler.holder(i), token);
            (, uint256 remainder, ) = handler.pool().tokenState(token);
            uint256 held = _held(token);
            assertLe(owed * GHOST_SCALE + remainder, held * GHOST_SCALE, "claimable + remainder <= held");
            // Never stranded: what is held beyond that is under one base unit per holder (their kept fractions).
            assertLt(held * GHOST_SCALE, (owed + HOLDERS) * GHOST_SCALE + remainder + 1, "held - owed < holders");
        }
    }

    /// @dev Also the just-in-time property: the ghost counts a unit only from the start of the epoch after the one
    /// after its credit, so a pool that paid units bought just before a deposit would exceed the ghost share.
    function invariant_eachHolderEarnsItsShareWithinOneBaseUnit() public view {
        for (uint256 t; t < TOKENS; ++t) {
            address token = handler.token(t);
            for (uint256 i; i < HOLDERS; ++i) {
                address h = handler.holder(i);
                uint256 earned = handler.ghostPaid(token, h) + handler.pool().claimable(h, token);
                uint256 ideal = handler.ghostIdealScaled(token, h);
                assertLe(earned * GHOST_SCALE, ideal, "earned <= exact share of waited units");
                uint256 slack = GHOST_SCALE + handler.ghostUnitsAtDeposits(token, h);
                assertGe(earned * GHOST_SCALE + slack, ideal, "earned > share - 1");
            }
        }
    }

    function invariant_unitsAtNoDepositEarnNothing() public view {
        for (uint256 t; t < TOKENS; ++t) {
            address token = handler.token(t);
            for (uint256 i; i < HOLDERS; ++i) {
                address h = handler.holder(i);
                if (handler.ghostIdealScaled(token, h) != 0) continue;
                uint256 earned = handler.ghostPaid(token, h) + handler.pool().claimable(h, token);
                assertEq(earned, 0, "a holder with no waited units at any deposit earned nothing");
            }
        }
    }

    function invariant_activeUnitsMatchTheGhost() public view {
        uint256 total;
        for (uint256 i; i < HOLDERS; ++i) {
            address h = handler.holder(i);
            (uint256 active, , ) = handler.pool().activeUnitsOf(h);
            assertEq(active, handler.activeOf(h), "active units follow the delay rule");
            total += active;
        }
        // The pool's active total catches up at its next touch; it never runs ahead of the ghost.
        assertLe(handler.pool().totalActiveUnits(), total, "active total <= ghost active total");
    }

    function _held(address token) internal view returns (uint256) {
        address pool = address(handler.pool());
        return token == address(0) ? pool.balance : TestToken(token).balanceOf(pool);
    }
}
