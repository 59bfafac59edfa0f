// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {TryTransfer} from "../libraries/TryTransfer.sol";
import {IFundable} from "../interfaces/IFundable.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {HubLedger} from "./HubLedger.sol";
import {HubReferrers} from "./HubReferrers.sol";
import {HubMath} from "./HubMath.sol";
import {HubSlots, LedgerSlot, ReferrerSlot, SubSlot} from "./HubSlots.sol";
import {HubTerms} from "./HubTerms.sol";

/// @notice One platform's subscription hub. Each payment is routed in the same transaction: the referral part to
/// the referrer's withdrawable balance, the pool part to the open period's pool, the remainder to the platform.
/// The referrer and terms are bound at a subscriber's first subscription and never change.
/// @dev Periods are closed by the owner or by one `periodCloser` (a keeper) the owner names, and by anyone once a period
/// has been open OVERDUE_AFTER (fixed at deployment), so the pool never strands with an absent owner. A renewal that fails
/// because the token refuses everyone (paused, or the hub blocklisted) never ends a subscription before GRACE_PERIOD.
/// NOTE: fee-on-transfer tokens are refused: every pull checks what arrived (`HubUnsupportedToken`).
/// WARNING: rebasing tokens are unsupported: booked balances do not follow a rebase, and a negative rebase would
/// leave the hub unable to pay everyone. Deploy only with a plain ERC-20 (a stablecoin, ideally with EIP-2612).
contract SubscriptionHub is HubLedger, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Where each closed period's pool is funded.
    address public immutable DISTRIBUTOR;

    /// @notice How long past its paid-through time a subscription stays active while the token refuses everyone.
    uint256 public immutable GRACE_PERIOD;

    /// @inheritdoc ISubscriptionHub
    uint256 public immutable OVERDUE_AFTER;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice May close periods besides the owner.
    address public periodCloser;
    /// @inheritdoc ISubscriptionHub
    /// @dev Packed with `periodCloser`: a close by a non-owner reads both in one slot. 40 bits hold any timestamp until
    /// the year 36,000.
    uint40 public periodOpenedAt;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor(
        address token,
        address distributor,
        address owner_,
        Policy memory policy,
        uint16 referralBps,
        uint16 poolBps,
        uint32 referralDuration,
        PlanConfig[] memory plans
    )
        HubTerms(owner_, policy.noticePeriod, referralBps, poolBps, referralDuration, plans)
        HubReferrers(policy.enrollmentRequired)
        HubLedger(token)
    {
        if (distributor == address(0)) revert HubZeroAddress();
        _checkDuration(policy.gracePeriod);
        GRACE_PERIOD = policy.gracePeriod;
        _checkDuration(policy.overdueAfter);
        OVERDUE_AFTER = policy.overdueAfter;
        periodOpenedAt = uint40(block.timestamp);
        address distributorToken = IFundable(distributor).token();
        if (distributorToken != token) revert HubDistributorTokenMismatch(token, distributorToken);
        DISTRIBUTOR = distributor;
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISubscriptionHub
    function subscribe(uint16 planId, address referrer, uint32 campaign) external nonReentrant {
        _subscribe(planId, referrer, campaign);
    }

    /// @inheritdoc ISubscriptionHub
    /// @dev The permit is tried, not required: if someone front-ran it with the same signature the allowance is
    /// already there, and if it is not, the pull fails with `HubPaymentFailed`.
    function subscribeWithPermit(
        uint16 planId,
        address referrer,
        uint32 campaign,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        try IERC20Permit(TOKEN).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
        _subscribe(planId, referrer, campaign);
    }

    /// @inheritdoc ISubscriptionHub
    function renew(address subscriber) external nonReentrant returns (bool renewed) {
        SubSlot sub = _subscriptions[subscriber];
        if (sub.status() != Status.Active) revert HubNotActive(subscriber);
        if (sub.paidThrough() > block.timestamp) revert HubNotDue(subscriber, sub.paidThrough());
        uint256 balanceBefore = _balance();
        if (!_tryPull(subscriber, sub.price())) {
            _failed(subscriber, sub);
            return false;
        }
        _checkReceived(balanceBefore, sub.price());
        LedgerSlot books = _ledger;
        (uint256 poolPart, uint256 platformPart) = _route(subscriber, sub, books.period());
        _book(books, poolPart, platformPart);
        return true;
    }

    /// @inheritdoc ISubscriptionHub
    /// @dev Subscriptions that are not active or not yet due are skipped silently (a keeper simulates first; the
    /// events of the renewed, deferred and ended ones say what happened). What arrived is checked once for the whole
    /// batch: a shortfall is a token-level problem and reverts the batch. A token that fails by burning all gas given
    /// to it trips `HubInsufficientGas` and reverts the batch too; the keeper then renews without that subscriber.
    function renewBatch(address[] calldata subscribers) external nonReentrant returns (uint256 renewed) {
        LedgerSlot books = _ledger;
        uint256 balanceBefore = _balance();
        uint256 expected;
        uint256 poolSum;
        uint256 platformSum;
        for (uint256 i; i < subscribers.length; ++i) {
            address subscriber = subscribers[i];
            SubSlot sub = _subscriptions[subscriber];
            if (sub.status() != Status.Active || sub.paidThrough() > block.timestamp) continue;
            if (!_tryPull(subscriber, sub.price())) {
                _failed(subscriber, sub);
                continue;
            }
            (uint256 poolPart, uint256 platformPart) = _route(subscriber, sub, books.period());
            // Why unchecked: each term is below 2**96 (a uint96 price or a part of one) and a calldata array has
            // far fewer than 2**100 entries, so the sums cannot overflow.
            unchecked {
                expected += sub.price();
                poolSum += poolPart;
                platformSum += platformPart;
                ++renewed;
            }
        }
        _checkReceived(balanceBefore, expected);
        _book(books, poolSum, platformSum);
    }

    /// @inheritdoc ISubscriptionHub
    function renewable(
        address subscriber
    ) external view returns (bool due, bool wouldSucceed, uint64 dueAt, uint256 renewalsCovered) {
        SubSlot sub = _subscriptions[subscriber];
        if (sub.status() != Status.Active) return (false, false, 0, 0);
        dueAt = uint64(sub.paidThrough());
        due = dueAt <= block.timestamp;
        renewalsCovered = _funds(subscriber) / sub.price();
        wouldSucceed = renewalsCovered != 0;
    }

    /// @inheritdoc ISubscriptionHub
    function cancel() external nonReentrant {
        SubSlot sub = _subscriptions[msg.sender];
        if (sub.status() != Status.Active) revert HubNotActive(msg.sender);
        _end(msg.sender, sub, Status.Cancelled, EndReason.Cancelled);
    }

    /// @inheritdoc ISubscriptionHub
    /// @dev Pays only to `account` itself, so a relayer can pay the gas but cannot redirect the money.
    function withdraw(address account) external nonReentrant returns (uint256 amount) {
        ReferrerSlot slot = _referrers[account];
        amount = slot.balance();
        if (amount == 0) revert HubNothingToWithdraw(account);
        _referrers[account] = slot.withoutBalance();
        emit Withdrawn(account, account, amount);
        _pay(account, amount);
    }

    /// @inheritdoc ISubscriptionHub
    function withdrawPlatform(address to) external onlyOwner nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert HubZeroAddress();
        LedgerSlot books = _ledger;
        amount = books.platformBalance();
        if (amount == 0) revert HubNothingToWithdraw(address(this));
        _ledger = HubSlots.packLedger(books.pool(), 0, books.period());
        emit PlatformWithdrawn(to, amount);
        _pay(to, amount);
    }

    /// @inheritdoc ISubscriptionHub
    /// @dev An empty pool only advances the period; the distributor is not called for zero.
    function closePeriod() external nonReentrant returns (uint256 pool) {
        if (msg.sender != owner() && msg.sender != periodCloser) {
            uint256 overdueAt = periodOpenedAt + OVERDUE_AFTER;
            if (block.timestamp < overdueAt) revert HubNotPeriodCloser(msg.sender, overdueAt);
        }
        periodOpenedAt = uint40(block.timestamp);
        LedgerSlot books = _ledger;
        pool = books.pool();
        // The period number is 32 bits: four billion closes away from wrapping.
        _ledger = HubSlots.packLedger(0, books.platformBalance(), books.period() + 1);
        emit PeriodClosed(books.period(), pool);
        if (pool == 0) return 0;
        uint256 balanceBefore = _balance();
        SafeTransferLib.safeApprove(TOKEN, DISTRIBUTOR, pool);
        IFundable(DISTRIBUTOR).fund(pool);
        uint256 moved = balanceBefore - _balance();
        // A distributor that takes less would leave an allowance behind and the pool unfunded.
        if (moved < pool) revert HubFundingShortfall(pool, moved);
    }

    /// @inheritdoc ISubscriptionHub
    function setPeriodCloser(address closer) external onlyOwner {
        periodCloser = closer;
        emit PeriodCloserSet(closer);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Binds referrer and terms on the first subscription only; a returning subscriber keeps its binding and,
    /// on its own plan, its snapshotted price even if the plan retired since. Choosing another plan snapshots that
    /// plan, which must be available. A referrer passed by a returning subscriber is ignored: the binding stays.
    function _subscribe(uint16 planId, address referrer, uint32 campaign) internal {
        Subscription memory sub = _subscriptions[msg.sender].unpack();
        if (sub.status == Status.Active) revert HubAlreadyActive(msg.sender, sub.paidThrough);
        Binding memory bound = _bindings[msg.sender].unpack();
        if (bound.termsVersion == 0) {
            bound = _bind(referrer, campaign);
            // The campaign is bound with the referrer: it stays in the hot slot for good.
            sub.campaign = campaign;
        }
        if (sub.status == Status.None || planId != sub.planId) {
            Plan memory p = _availablePlan(planId);
            (sub.price, sub.period, sub.planId) = (p.price, p.period, planId);
        }
        sub.status = Status.Active;
        SubSlot packed = HubSlots.pack(sub);
        _subscriptions[msg.sender] = packed;
        // Pull before booking: the credit depends on what actually arrived; the guard covers the external call.
        uint256 balanceBefore = _balance();
        if (!_tryPull(msg.sender, sub.price)) revert HubPaymentFailed(msg.sender, sub.price);
        _checkReceived(balanceBefore, sub.price);
        emit Subscribed(msg.sender, bound.referrer, planId, sub.campaign, bound.termsVersion, sub.price, sub.period);
        LedgerSlot books = _ledger;
        (uint256 poolPart, uint256 platformPart) = _route(msg.sender, packed, books.period());
        _book(books, poolPart, platformPart);
    }

    /// @dev Binds the caller, for good, to the referral of `referrer`'s `campaign` (checked by `_referralPayout`) under
    /// the active terms.
    function _bind(address referrer, uint32 campaign) internal returns (Binding memory bound) {
        address payout = _referralPayout(msg.sender, referrer, campaign);
        {
            uint256 version = _activeTermsVersion();
            Terms memory t = _terms[version - 1];
            uint40 end = HubMath.referralEnd(block.timestamp, t.referralDuration);
            // The uint16 cast holds: proposals stop at type(uint16).max versions.
            bound = Binding(payout, end, t.referralBps, t.poolBps, uint16(version));
        }
        _bindings[msg.sender] = HubSlots.pack(bound);
        if (payout != address(0)) {
            if (campaign != 0) _boundArtist[msg.sender] = referrer;
            emit ReferralBound(msg.sender, referrer, campaign, payout, bound.termsVersion);
        }
    }

    /// @dev A due renewal's pull failed. The fan's own failure ends the subscription; a refusal that hits everyone
    /// (the token paused, or the hub blocklisted) defers it until GRACE_PERIOD past its paid-through time.
    function _failed(address subscriber, SubSlot sub) internal {
        uint256 graceEndsAt = sub.paidThrough() + GRACE_PERIOD;
        if (_fansFault(subscriber, sub.price())) _end(subscriber, sub, Status.Lapsed, EndReason.PaymentFailed);
        else if (block.timestamp >= graceEndsAt) _end(subscriber, sub, Status.Lapsed, EndReason.GraceExpired);
        else emit RenewalDeferred(subscriber, sub.paidThrough(), graceEndsAt);
    }

    /// @dev Whether a failed pull of `amount` from `subscriber` is the fan's: its balance or allowance is short, or
    /// the token still moves the hub's own funds (a zero self-transfer), so it refused this fan in particular (a
    /// blocklisted fan). A token that refuses the probe refuses the hub, i.e. everyone.
    /// NOTE: a token that rejects zero-value transfers always looks refused here; its fans end only at GRACE_PERIOD.
    function _fansFault(address subscriber, uint256 amount) internal returns (bool) {
        if (_funds(subscriber) < amount) return true;
        return TryTransfer.tryTransfer(TOKEN, address(this), 0);
    }

    /// @dev What the hub can pull from `subscriber` now: the smaller of its balance and its allowance to the hub.
    function _funds(address subscriber) internal view returns (uint256) {
        uint256 allowance = _allowance(subscriber);
        uint256 balance = SafeTransferLib.balanceOf(TOKEN, subscriber);
        return balance < allowance ? balance : allowance;
    }

    /// @dev The fan's allowance to the hub; zero if the token's `allowance` fails.
    function _allowance(address subscriber) internal view returns (uint256) {
        try IERC20(TOKEN).allowance(subscriber, address(this)) returns (uint256 a) {
            return a;
        } catch {
            return 0;
        }
    }

    /// @dev Pays `amount` of the token to `to`, or reverts `HubTransferFailed` naming both (e.g. a blocklisted `to`).
    function _pay(address to, uint256 amount) internal {
        if (!TryTransfer.tryTransfer(TOKEN, to, amount)) revert HubTransferFailed(TOKEN, to, amount);
    }

    /// @dev Transient storage on every chain: the targets (Ethereum and its L2s) all support EIP-1153.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
