// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {RouterDeploy} from "./RouterFixture.sol";
import {RouterHandler} from "./RouterHandler.t.sol";

/// @notice Batch payouts never pay anyone but the account a leg names, never hold funds, and leave nothing owed to
/// an artist a batch covered while the token could pay it; under pauses, blocklists, duplicates and theft attempts.
contract RouterInvariantTest is Test {
    RouterHandler internal handler;

    function setUp() public {
        handler = new RouterHandler();
        (SubscriptionHub hub, Distributor distributor) = RouterDeploy.deploy(handler);
        handler.attach(hub, distributor);
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = RouterHandler.subscribe.selector;
        selectors[1] = RouterHandler.subscribe.selector; // Twice: balances drive everything else.
        selectors[2] = RouterHandler.publish.selector;
        selectors[3] = RouterHandler.batch.selector;
        selectors[4] = RouterHandler.batch.selector;
        selectors[5] = RouterHandler.steal.selector;
        selectors[6] = RouterHandler.togglePause.selector;
        selectors[7] = RouterHandler.toggleBlocklist.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function invariant_routerHoldsNothing() public view {
        assertEq(handler.usdc().balanceOf(address(handler.router())), 0, "router token balance");
        assertEq(address(handler.router()).balance, 0, "router ETH balance");
    }

    function invariant_callersAreNeverPaid() public view {
        assertEq(handler.usdc().balanceOf(handler.RELAYER()), 0, "the relayer received money");
        assertEq(handler.usdc().balanceOf(handler.THIEF()), 0, "the thief received money");
    }

    /// @dev An artist's wallet holds exactly what left its hub balance plus what the distributor booked as claimed,
    /// and never more than its leaf.
    function invariant_eachAccountIsPaidExactlyItsOwn() public view {
        for (uint256 i; i < 4; ++i) {
            address a = handler.artist(i);
            uint256 claimed = handler.distributor().claimed(a);
            assertLe(claimed, handler.cumulative(i), "claimed above the leaf");
            uint256 fromHub = handler.ghostCredited(a) - handler.hub().referralBalanceOf(a);
            assertEq(handler.usdc().balanceOf(a), fromHub + claimed, "wallet == hub withdrawals + claims");
        }
    }

    function invariant_distributorConserves() public view {
        uint256 claimed;
        for (uint256 i; i < 4; ++i) claimed += handler.distributor().claimed(handler.artist(i));
        assertEq(handler.usdc().balanceOf(address(handler.distributor())), handler.ghostFunded() - claimed, "funds");
    }

    function invariant_aBatchPaysEveryPayableAccount() public view {
        assertEq(handler.ghostStranded(), 0, "a payable artist was left unpaid by a batch");
    }
}
