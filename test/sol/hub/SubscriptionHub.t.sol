// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {MockFundable} from "../../../contracts/mocks/MockFundable.sol";

/// @notice Fuzzed payments end to end, the 63/64 gas grief, and the packed-slot bounds.
contract SubscriptionHubTest is Test {
    uint256 internal constant NOTICE = 7 days;
    uint32 internal constant MONTH = 30 days;
    uint256 internal constant OVERDUE = 45 days;

    // Storage slots of the hub (Ownable, Ownable2Step, then HubTerms, HubReferrers (slots 4-9) and HubLedger), checked in
    // setUp.
    bytes32 internal constant TERMS_SLOT = bytes32(uint256(2));
    bytes32 internal constant PLANS_SLOT = bytes32(uint256(3));
    bytes32 internal constant LEDGER_SLOT = bytes32(uint256(10));

    TestToken internal token;
    MockFundable internal distributor;
    SubscriptionHub internal hub;
    address internal alice = makeAddr("alice");
    address internal artist = makeAddr("artist");

    function setUp() public {
        token = new TestToken("USD Coin", "USDC", 6);
        distributor = new MockFundable(address(token));
        hub = _deploy(1_000, 6_000, 9_990_001);
        assertEq(uint256(vm.load(address(hub), TERMS_SLOT)), 1, "terms array length slot");
        assertEq(uint256(vm.load(address(hub), PLANS_SLOT)), 1, "plans array length slot");
        assertEq(uint256(vm.load(address(hub), LEDGER_SLOT)) >> 224, 1, "ledger slot holds period 1");
    }

    function testFuzz_payments_routedExactly(
        uint96 price,
        uint16 referralBps,
        uint16 poolBps,
        bool organic,
        uint8 renewals
    ) public {
        price = uint96(bound(price, 1, type(uint96).max / 16));
        referralBps = uint16(bound(referralBps, 0, 10_000));
        poolBps = uint16(bound(poolBps, 0, 10_000 - referralBps));
        renewals = uint8(bound(renewals, 0, 3));
        SubscriptionHub h = _deploy(referralBps, poolBps, price);
        token.mint(alice, uint256(price) * 4);
        vm.prank(alice);
        token.approve(address(h), type(uint256).max);
        vm.prank(alice);
        h.subscribe(0, organic ? address(0) : artist, 0);
        for (uint256 i; i < renewals; ++i) {
            vm.warp(block.timestamp + MONTH);
            assertTrue(h.renew(alice), "renewed");
        }
        uint256 paid = uint256(price) * (uint256(renewals) + 1);
        (uint256 pool, uint256 platformBalance, ) = h.ledger();
        uint256 referral = h.referralBalanceOf(artist);
        assertEq(referral + pool + platformBalance, paid, "referral + pool + platform == paid");
        assertEq(token.balanceOf(address(h)), paid, "the hub holds exactly what was paid");
        uint256 each = organic ? 0 : (uint256(price) * referralBps) / 10_000;
        assertEq(referral, each * (uint256(renewals) + 1), "referral part is the floor of its bps");
        assertEq(pool, ((uint256(price) * poolBps) / 10_000) * (uint256(renewals) + 1), "pool part is the floor");
    }

    /// @dev Whatever gas a keeper supplies, a subscriber with a good allowance is renewed or left untouched.
    function testFuzz_renew_tooLittleGasNeverEndsSubscription(uint256 gasLimit) public {
        _subscribeAlice();
        vm.warp(block.timestamp + MONTH);
        gasLimit = bound(gasLimit, 1_000, 60_000);
        uint256 before = hub.subscriptionOf(alice).paidThrough;
        (bool ok, ) = address(hub).call{gas: gasLimit}(abi.encodeCall(hub.renew, (alice)));
        ISubscriptionHub.Subscription memory sub = hub.subscriptionOf(alice);
        assertEq(uint256(sub.status), uint256(ISubscriptionHub.Status.Active), "still active");
        if (ok) assertEq(sub.paidThrough, block.timestamp + MONTH, "renewed");
        else assertEq(sub.paidThrough, before, "untouched");
    }

    /// @dev A pull that fails by running out of gas reverts the renewal instead of ending the subscription: the
    /// hub cannot tell a token that burns all gas from a keeper that sent too little.
    function test_RevertWhen_pullRunsOutOfGas() public {
        GasBurningToken burner = new GasBurningToken();
        distributor = new MockFundable(address(burner));
        token = TestToken(address(burner));
        SubscriptionHub h = _deploy(1_000, 6_000, 100);
        burner.mint(alice, 1_000);
        vm.prank(alice);
        h.subscribe(0, artist, 0);
        vm.warp(block.timestamp + MONTH);
        burner.setBurn(true);
        vm.expectRevert(ISubscriptionHub.HubInsufficientGas.selector);
        h.renew{gas: 1_000_000}(alice);
        address[] memory batch = new address[](1);
        batch[0] = alice;
        vm.expectRevert(ISubscriptionHub.HubInsufficientGas.selector);
        h.renewBatch{gas: 1_000_000}(batch);
        assertEq(uint256(h.subscriptionOf(alice).status), uint256(ISubscriptionHub.Status.Active), "not ended");
    }

    function test_RevertWhen_ledgerWouldOverflow() public {
        uint256 full = type(uint112).max;
        vm.store(address(hub), LEDGER_SLOT, bytes32(full | (uint256(1) << 224)));
        token.mint(alice, 9_990_001);
        vm.startPrank(alice);
        token.approve(address(hub), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ISubscriptionHub.HubLedgerOverflow.selector, full + 5_994_000));
        hub.subscribe(0, artist, 0);
        vm.stopPrank();
        vm.store(address(hub), LEDGER_SLOT, bytes32((full << 112) | (uint256(1) << 224)));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISubscriptionHub.HubLedgerOverflow.selector, full + 2_997_001));
        hub.subscribe(0, artist, 0);
    }

    function test_RevertWhen_termsOrPlansExceedTheirIdSpace() public {
        vm.store(address(hub), TERMS_SLOT, bytes32(uint256(type(uint16).max)));
        vm.expectRevert(ISubscriptionHub.HubCapacityExceeded.selector);
        hub.proposeTerms(1, 1, 0);
        vm.store(address(hub), PLANS_SLOT, bytes32(uint256(type(uint16).max) + 1));
        vm.expectRevert(ISubscriptionHub.HubCapacityExceeded.selector);
        hub.proposePlan(1, 1);
    }

    function _subscribeAlice() internal {
        token.mint(alice, 100e6);
        vm.startPrank(alice);
        token.approve(address(hub), type(uint256).max);
        hub.subscribe(0, artist, 0);
        vm.stopPrank();
    }

    /// @dev L-01: any notice or grace either reverts at deployment or is kept exactly, so a proposal made now takes
    /// effect exactly `notice` later (no uint40 truncation), with extreme plan prices and periods alongside.
    function testFuzz_constructor_boundsDurationsOrKeepsThemExactly(
        uint256 notice,
        uint256 grace,
        uint96 price,
        uint32 period
    ) public {
        // Half the runs inside the bounds, half anywhere (mostly outside).
        if (notice % 2 == 0) notice = bound(notice, 1 hours, 3650 days);
        if (grace % 2 == 0) grace = bound(grace, 1 hours, 3650 days);
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](1);
        plans[0] = ISubscriptionHub.PlanConfig(
            uint96(bound(price, 1, type(uint96).max)),
            uint32(bound(period, 1, type(uint32).max))
        );
        bool valid = notice >= 1 hours && notice <= 3650 days && grace >= 1 hours && grace <= 3650 days;
        if (!valid) vm.expectRevert();
        SubscriptionHub h = new SubscriptionHub(
            address(token),
            address(distributor),
            address(this),
            ISubscriptionHub.Policy(notice, grace, false, 45 days),
            1_000,
            6_000,
            0,
            plans
        );
        if (!valid) return;
        assertEq(h.NOTICE_PERIOD(), notice, "notice kept");
        assertEq(h.GRACE_PERIOD(), grace, "grace kept");
        uint256 version = h.proposeTerms(1, 1, 0);
        assertEq(h.terms(version).effectiveAt, block.timestamp + notice, "effective exactly after the notice");
    }

    /// @dev L-03: the overdue bound either reverts at deployment or is kept exactly, and a caller who is neither the
    /// owner nor the period closer closes the open period exactly when it has been open that long, never earlier.
    function testFuzz_closePeriod_anyoneOnceOverdueByTheDeploymentBound(
        uint256 overdueAfter,
        uint256 wait,
        address caller
    ) public {
        vm.assume(caller != address(this) && caller != address(0));
        if (overdueAfter % 2 == 0) overdueAfter = bound(overdueAfter, 1 hours, 3650 days);
        bool valid = overdueAfter >= 1 hours && overdueAfter <= 3650 days;
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](1);
        plans[0] = ISubscriptionHub.PlanConfig(9_990_001, MONTH);
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(ISubscriptionHub.HubInvalidDuration.selector, overdueAfter, 1 hours, 3650 days)
            );
        }
        SubscriptionHub h = new SubscriptionHub(
            address(token),
            address(distributor),
            address(this),
            ISubscriptionHub.Policy(NOTICE, 7 days, false, overdueAfter),
            1_000,
            6_000,
            0,
            plans
        );
        if (!valid) return;
        assertEq(h.OVERDUE_AFTER(), overdueAfter, "bound kept");
        uint256 overdueAt = h.periodOpenedAt() + overdueAfter;
        wait = bound(wait, 0, 2 * overdueAfter);
        vm.warp(block.timestamp + wait);
        vm.prank(caller);
        if (block.timestamp < overdueAt) {
            vm.expectRevert(abi.encodeWithSelector(ISubscriptionHub.HubNotPeriodCloser.selector, caller, overdueAt));
            h.closePeriod();
            return;
        }
        h.closePeriod();
        (, , uint256 period) = h.ledger();
        assertEq(period, 2, "closed by anyone once overdue");
        assertEq(h.periodOpenedAt(), block.timestamp, "the next period opens now");
    }

    function _deploy(uint16 referralBps, uint16 poolBps, uint96 price) internal returns (SubscriptionHub) {
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](1);
        plans[0] = ISubscriptionHub.PlanConfig(price, MONTH);
        return
            new SubscriptionHub(
                address(token),
                address(distributor),
                address(this),
                ISubscriptionHub.Policy(NOTICE, 7 days, false, OVERDUE),
                referralBps,
                poolBps,
                0,
                plans
            );
    }
}

/// @notice Minimal token whose transferFrom can be made to burn every unit of gas it gets.
contract GasBurningToken {
    mapping(address => uint256) public balanceOf;
    bool public burn;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function setBurn(bool on) external {
        burn = on;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (burn) {
            while (true) {}
        }
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        return true;
    }
}
