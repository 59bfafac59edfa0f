// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {MockFundable} from "../../../contracts/mocks/MockFundable.sol";

/// @notice Drives a hub with bounded actors (4 subscribers, 2 referrers plus organic) and keeps ghost totals
/// measured from token balances and hub state, independently of the hub's own events.
contract HubHandler is Test {
    uint256 internal constant NOTICE = 1 days;
    /// @dev A period open this long may be closed by anyone.
    uint256 public constant OVERDUE = 20 days;
    uint256 internal constant MINTED = 1e15;

    SubscriptionHub public hub;
    TestToken public token;
    MockFundable public distributor;
    address public platformSink = makeAddr("platformSink");

    address[4] internal _subscribers;
    address[3] internal _referrers;

    // Ghost totals of routed money: paid is what left subscribers' wallets; the parts are what the hub booked.
    uint256 public ghostPaid;
    uint256 public ghostReferral;
    uint256 public ghostPool;
    uint256 public ghostPlatform;
    uint256 public ghostFunded;
    uint256 public ghostPlatformWithdrawn;
    mapping(address => uint256) public ghostCredited;
    mapping(address => uint256) public ghostWithdrawn;
    mapping(address => uint256) public ghostPaidBy;

    address internal constant OTHER_OWNER = address(0x0DD);
    uint256 public renounced;
    uint256 public ownershipChurns;

    // Closes by addresses that are neither the owner nor the period closer: those that succeeded, and those that
    // succeeded although the period was not overdue (must stay zero) or failed although it was (must stay zero).
    address public constant STRANGER = address(0x5747);
    uint256 public strangerCloses;
    uint256 public ghostEarlyCloses;
    uint256 public ghostRefusedOverdueCloses;
    /// @dev When the open period opened, by the handler's own clock: deployment, then every close that succeeded.
    uint256 public ghostOpenedAt;

    // What each subscriber was bound to at its first subscription, and the version the handler expected.
    mapping(address => bool) public isBound;
    mapping(address => ISubscriptionHub.Binding) internal _recorded;
    mapping(address => uint256) public expectedVersion;

    // The handler's own log of announced terms (version v at index v - 1).
    ISubscriptionHub.Terms[] internal _termsLog;

    constructor() {
        token = new TestToken("USD Coin", "USDC", 6);
        distributor = new MockFundable(address(token));
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](2);
        plans[0] = ISubscriptionHub.PlanConfig(9_990_001, 10 days);
        plans[1] = ISubscriptionHub.PlanConfig(24_990_007, 25 days);
        hub = new SubscriptionHub(
            address(token),
            address(distributor),
            address(this),
            ISubscriptionHub.Policy(NOTICE, 7 days, true, OVERDUE),
            1_000,
            6_000,
            0,
            plans
        );
        _termsLog.push(ISubscriptionHub.Terms(1_000, 6_000, 0, uint40(block.timestamp)));
        ghostOpenedAt = block.timestamp;
        for (uint256 i; i < 4; ++i) {
            _subscribers[i] = makeAddr(string(abi.encodePacked("subscriber", i)));
            token.mint(_subscribers[i], MINTED);
            vm.prank(_subscribers[i]);
            token.approve(address(hub), type(uint256).max);
        }
        _referrers[0] = makeAddr("artistA");
        _referrers[1] = makeAddr("artistB");
        _referrers[2] = address(0);
        // Enrolled artists with campaigns 1 and 2 paying themselves, so the ghost books credit the referrer.
        for (uint256 i; i < 2; ++i) {
            hub.enroll(_referrers[i]);
            vm.startPrank(_referrers[i]);
            hub.registerCampaign(_referrers[i]);
            hub.registerCampaign(_referrers[i]);
            vm.stopPrank();
        }
    }

    /// @notice Ownership goes to another key and back (two-step each way); renouncing is always refused.
    function ownershipChurn() external {
        hub.transferOwnership(OTHER_OWNER);
        vm.prank(OTHER_OWNER);
        hub.acceptOwnership();
        vm.prank(OTHER_OWNER);
        try hub.renounceOwnership() {
            ++renounced;
        } catch {}
        vm.prank(OTHER_OWNER);
        hub.transferOwnership(address(this));
        hub.acceptOwnership();
        ++ownershipChurns;
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function subscribe(uint256 s, uint256 r, uint256 plan, uint32 campaign) external {
        address sub = _subscribers[s % 4];
        uint16 planId = uint16(plan % hub.planCount());
        uint256 version = _expectedActiveVersion();
        _paying();
        vm.prank(sub);
        address referrer = _referrers[r % 3];
        // Campaigns 0-2 exist for the two artists (and only 0 for organic subscribers); 3 is unknown and refused.
        campaign = referrer == address(0) ? 0 : campaign % 4;
        try hub.subscribe(planId, referrer, campaign) {} catch {}
        _paid();
        if (!isBound[sub] && hub.bindingOf(sub).termsVersion != 0) {
            isBound[sub] = true;
            _recorded[sub] = hub.bindingOf(sub);
            expectedVersion[sub] = version;
        }
    }

    function renew(uint256 s) external {
        _paying();
        try hub.renew(_subscribers[s % 4]) {} catch {}
        _paid();
    }

    function renewBatch(uint256 seed) external {
        address[] memory batch = new address[](5);
        for (uint256 i; i < 5; ++i) batch[i] = _subscribers[(seed >> (i * 8)) % 4];
        _paying();
        hub.renewBatch(batch);
        _paid();
    }

    function cancel(uint256 s) external {
        vm.prank(_subscribers[s % 4]);
        try hub.cancel() {} catch {}
    }

    function setAllowance(uint256 s, bool on) external {
        vm.prank(_subscribers[s % 4]);
        token.approve(address(hub), on ? type(uint256).max : 0);
    }

    function withdraw(uint256 r, uint256 callerSeed) external {
        address ref = _referrers[r % 2];
        uint256 before = token.balanceOf(ref);
        vm.prank(_subscribers[callerSeed % 4]); // Anyone may call; only the account is paid.
        try hub.withdraw(ref) {} catch {}
        ghostWithdrawn[ref] += token.balanceOf(ref) - before;
    }

    function withdrawPlatform() external {
        uint256 before = token.balanceOf(platformSink);
        try hub.withdrawPlatform(platformSink) {} catch {}
        ghostPlatformWithdrawn += token.balanceOf(platformSink) - before;
    }

    function closePeriod() external {
        uint256 before = token.balanceOf(address(distributor));
        hub.closePeriod();
        ghostOpenedAt = block.timestamp;
        ghostFunded += token.balanceOf(address(distributor)) - before;
    }

    /// @notice Adversarial actor: anyone (never the owner or the period closer) tries to close the open period.
    function strangerClosePeriod(uint256 callerSeed) external {
        address caller = callerSeed % 2 == 0 ? STRANGER : _subscribers[callerSeed % 4];
        bool overdue = block.timestamp >= ghostOpenedAt + OVERDUE;
        uint256 before = token.balanceOf(address(distributor));
        vm.prank(caller);
        try hub.closePeriod() {
            ++strangerCloses;
            ghostOpenedAt = block.timestamp;
            if (!overdue) ++ghostEarlyCloses;
        } catch {
            if (overdue) ++ghostRefusedOverdueCloses;
        }
        ghostFunded += token.balanceOf(address(distributor)) - before;
    }

    function proposeTerms(uint16 referralBps, uint16 poolBps, uint32 duration) external {
        referralBps = uint16(bound(referralBps, 0, 10_000));
        poolBps = uint16(bound(poolBps, 0, 10_000 - referralBps));
        duration = uint32(bound(duration, 0, 40 days));
        hub.proposeTerms(referralBps, poolBps, duration);
        _termsLog.push(ISubscriptionHub.Terms(referralBps, poolBps, duration, uint40(block.timestamp + NOTICE)));
    }

    function proposePlan(uint96 price, uint32 period) external {
        if (hub.planCount() >= 6) return;
        hub.proposePlan(uint96(bound(price, 1, 1e9)), uint32(bound(period, 1 days, 30 days)));
    }

    function retirePlan(uint256 plan) external {
        try hub.proposePlanRetirement(uint16(plan % hub.planCount())) {} catch {}
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, 15 days));
    }

    /*//////////////////////////////////////////////////////////////
                              GHOST HELPERS
    //////////////////////////////////////////////////////////////*/

    uint256[4] internal _subBefore;
    uint256[3] internal _refBefore;
    uint256 internal _poolBefore;
    uint256 internal _platformBefore;

    function _paying() internal {
        for (uint256 i; i < 4; ++i) _subBefore[i] = token.balanceOf(_subscribers[i]);
        for (uint256 i; i < 2; ++i) _refBefore[i] = hub.referralBalanceOf(_referrers[i]);
        (_poolBefore, _platformBefore, ) = hub.ledger();
    }

    function _paid() internal {
        for (uint256 i; i < 4; ++i) {
            uint256 spent = _subBefore[i] - token.balanceOf(_subscribers[i]);
            ghostPaid += spent;
            ghostPaidBy[_subscribers[i]] += spent;
        }
        for (uint256 i; i < 2; ++i) {
            uint256 credited = hub.referralBalanceOf(_referrers[i]) - _refBefore[i];
            ghostReferral += credited;
            ghostCredited[_referrers[i]] += credited;
        }
        (uint256 pool, uint256 platformBalance, ) = hub.ledger();
        ghostPool += pool - _poolBefore;
        ghostPlatform += platformBalance - _platformBefore;
    }

    function _expectedActiveVersion() internal view returns (uint256 v) {
        v = _termsLog.length;
        while (_termsLog[v - 1].effectiveAt > block.timestamp) --v;
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    function subscriber(uint256 i) external view returns (address) {
        return _subscribers[i];
    }

    function referrer(uint256 i) external view returns (address) {
        return _referrers[i];
    }

    function recorded(address sub) external view returns (ISubscriptionHub.Binding memory) {
        return _recorded[sub];
    }

    function loggedTerms(uint256 version) external view returns (ISubscriptionHub.Terms memory) {
        return _termsLog[version - 1];
    }

    function minted() external pure returns (uint256) {
        return MINTED;
    }
}
