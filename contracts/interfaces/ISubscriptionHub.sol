// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice One platform's subscription hub: takes subscription payments in one ERC-20 token and routes each
/// payment, in the same transaction, to the subscriber's referrer, the open period's pool and the platform.
interface ISubscriptionHub {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev Lifecycle of a subscription. `Lapsed` means a renewal pull failed.
    enum Status {
        None,
        Active,
        Cancelled,
        Lapsed
    }

    /// @dev Why a subscription stopped renewing. `PaymentFailed`: the fan's own failure (balance or allowance short,
    /// or the token refuses this fan). `GraceExpired`: the token refused everyone (paused, or the hub blocklisted) for
    /// longer than GRACE_PERIOD past the paid-through time.
    enum EndReason {
        Cancelled,
        PaymentFailed,
        GraceExpired
    }

    /// @dev Hot slot, rewritten on every payment. One storage slot (224 bits).
    struct Subscription {
        uint40 paidThrough;
        uint96 price;
        uint32 period;
        uint16 planId;
        Status status;
        uint32 campaign;
    }

    /// @dev Bound slot, written once at the first subscription and never again. One storage slot (248 bits).
    struct Binding {
        address referrer;
        uint40 referralEndsAt;
        uint16 referralBps;
        uint16 poolBps;
        uint16 termsVersion;
    }

    /// @dev A plan's price and period never change; a plan is replaced by proposing a new one and retiring it.
    struct Plan {
        uint96 price;
        uint32 period;
        uint40 availableFrom;
        uint40 retiredFrom;
    }

    /// @dev One version of the terms; active from `effectiveAt` until a newer version becomes effective.
    struct Terms {
        uint16 referralBps;
        uint16 poolBps;
        uint32 referralDuration;
        uint40 effectiveAt;
    }

    /// @dev Constructor input, fixed at deployment: the notice before a terms or plan change takes effect, how long a
    /// due subscription stays active while the token refuses everyone, whether referrers must start enrolled (the
    /// owner can change that later, `setEnrollmentRequired`), and how long a period stays open before anyone may
    /// close it (so the pool reaches artists even if the owner and the period closer never act again).
    struct Policy {
        uint256 noticePeriod;
        uint256 gracePeriod;
        bool enrollmentRequired;
        uint256 overdueAfter;
    }

    /// @dev Constructor input for an initial plan.
    struct PlanConfig {
        uint96 price;
        uint32 period;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev A required address was zero.
    error HubZeroAddress();
    /// @dev `referralBps + poolBps` exceeds 10,000.
    error HubInvalidTerms(uint256 referralBps, uint256 poolBps);
    /// @dev A plan needs a nonzero price and a nonzero period.
    error HubInvalidPlan(uint256 price, uint256 period);
    /// @dev No plan has this id.
    error HubUnknownPlan(uint256 planId);
    /// @dev The plan is not yet available or already retired.
    error HubPlanUnavailable(uint256 planId);
    /// @dev The plan already has a retirement scheduled.
    error HubPlanAlreadyRetired(uint256 planId, uint256 retiredFrom);
    /// @dev No more plan ids or terms versions fit their uint16 slot.
    error HubCapacityExceeded();
    /// @dev A subscriber named itself, or a payout address of its referrer, as its referrer.
    error HubSelfReferral(address subscriber);
    /// @dev The hub requires enrolled referrers and `referrer` is not enrolled.
    error HubReferrerNotEnrolled(address referrer);
    /// @dev `artist` has no campaign `campaign` (a campaign without a referrer is unknown too).
    error HubUnknownCampaign(address artist, uint256 campaign);
    /// @dev Only the owner or the enroller may enroll and unenroll artists.
    error HubNotEnroller(address caller);
    /// @dev Only an enrolled artist may register campaigns while enrollment is required.
    error HubNotEnrolled(address artist);
    /// @dev The token refused to pay `amount` to `to`: the booked balance stays, nothing is lost.
    error HubTransferFailed(address token, address to, uint256 amount);
    /// @dev A deployment bound (notice period, grace period or overdue bound) is outside its allowed range.
    error HubInvalidDuration(uint256 value, uint256 min, uint256 max);
    /// @dev Ownership cannot be renounced: periods could no longer be closed and the pool would be stranded.
    error HubRenounceDisabled();
    /// @dev The subscriber already has an active subscription.
    error HubAlreadyActive(address subscriber, uint256 paidThrough);
    /// @dev The subscription is not active (never started, cancelled or lapsed).
    error HubNotActive(address subscriber);
    /// @dev The subscription is paid until `paidThrough`; renewal is not due yet.
    error HubNotDue(address subscriber, uint256 paidThrough);
    /// @dev Pulling a subscriber's first payment failed (allowance, balance, blocklist or a false return).
    error HubPaymentFailed(address subscriber, uint256 amount);
    /// @dev The hub received less than it pulled: fee-on-transfer and similar tokens are refused.
    error HubUnsupportedToken(uint256 expected, uint256 received);
    /// @dev The failed pull ran out of gas because the caller supplied too little; nothing is ended.
    error HubInsufficientGas();
    /// @dev The account has no referral balance.
    error HubNothingToWithdraw(address account);
    /// @dev A ledger total no longer fits its packed slot.
    error HubLedgerOverflow(uint256 value);
    /// @dev Only the owner or the period closer may close the open period before `overdueAt`; from then on anyone may.
    error HubNotPeriodCloser(address caller, uint256 overdueAt);
    /// @dev The distributor pays out a different token than the hub takes.
    error HubDistributorTokenMismatch(address expected, address actual);
    /// @dev The distributor took less than the pool it was asked to fund.
    error HubFundingShortfall(uint256 expected, uint256 moved);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev A subscription started or restarted, with the binding it runs under.
    event Subscribed(
        address indexed subscriber,
        address indexed referrer,
        uint256 indexed planId,
        uint256 campaign,
        uint256 termsVersion,
        uint256 price,
        uint256 period
    );
    /// @dev One payment (first or renewal) and exactly how it was routed. The platform part is
    /// `amount - referralPart - poolPart` (it takes the remainder) and the terms version is the subscriber's binding
    /// (`Subscribed`, `bindingOf`), fixed for good; both are left out so a renewal fits its gas bar.
    event Paid(
        address indexed subscriber,
        address indexed referrer,
        uint256 indexed period,
        uint256 campaign,
        uint256 amount,
        uint256 referralPart,
        uint256 poolPart,
        uint256 paidThrough
    );
    /// @dev A subscription stopped renewing; it stays paid until `paidThrough`.
    event SubscriptionEnded(address indexed subscriber, EndReason reason, uint256 paidThrough);
    /// @dev A due renewal was not charged because the token refused everyone (paused, or the hub blocklisted), not
    /// the fan: the subscription stays active and is ended only if still uncharged at `graceEndsAt`.
    event RenewalDeferred(address indexed subscriber, uint256 paidThrough, uint256 graceEndsAt);
    /// @dev A new subscriber was bound, for good, to the referral of `artist`'s campaign `campaign` (0: its direct
    /// link), paying `payout` (the artist itself for campaign 0) on every payment while the referral lasts.
    event ReferralBound(
        address indexed subscriber,
        address indexed artist,
        uint256 indexed campaign,
        address payout,
        uint256 termsVersion
    );
    /// @dev `artist` was enrolled by `by` (the owner or the enroller); it may now refer new subscribers.
    event ArtistEnrolled(address indexed artist, address indexed by);
    /// @dev `artist` was unenrolled by `by`: it refers no new subscriber; bindings already made are untouched.
    event ArtistUnenrolled(address indexed artist, address indexed by);
    /// @dev `artist` registered campaign `campaign` (numbered from 1 per artist) paying `payout`, fixed for good.
    event CampaignRegistered(address indexed artist, uint256 indexed campaign, address indexed payout);
    /// @dev The key allowed to enroll and unenroll artists besides the owner changed.
    event EnrollerSet(address indexed enroller);
    /// @dev Whether referrers must be enrolled changed.
    event EnrollmentRequiredSet(bool required);
    /// @dev A referral balance was paid out to its own account.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @dev The platform's balance was paid out.
    event PlatformWithdrawn(address indexed to, uint256 amount);
    /// @dev A period closed and its pool was funded into the distributor.
    event PeriodClosed(uint256 indexed period, uint256 pool);
    /// @dev A terms version was announced; it applies to subscribers who join from `effectiveAt`.
    event TermsProposed(
        uint256 indexed version,
        uint256 referralBps,
        uint256 poolBps,
        uint256 referralDuration,
        uint256 effectiveAt
    );
    /// @dev A plan was announced; new subscribers can choose it from `availableFrom`.
    event PlanProposed(uint256 indexed planId, uint256 price, uint256 period, uint256 availableFrom);
    /// @dev A plan retirement was announced; from `retiredFrom` no new subscriber can choose it.
    event PlanRetirementProposed(uint256 indexed planId, uint256 retiredFrom);
    /// @dev The address allowed to close periods besides the owner changed.
    event PeriodCloserSet(address indexed closer);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Subscribes the caller to `planId`, paying the first period now. At the first subscription the caller
    /// is bound for good to `referrer`'s campaign `campaign` (0: the referrer's direct link, paying the referrer
    /// itself; `referrer` zero: organic, and `campaign` must be 0); a returning subscriber keeps its binding and the
    /// arguments are ignored. Reverts `HubReferrerNotEnrolled` if enrollment is required and `referrer` is not
    /// enrolled, `HubUnknownCampaign` if the campaign does not exist, `HubSelfReferral` if the caller is the referrer
    /// or one of its campaign payout addresses.
    function subscribe(uint16 planId, address referrer, uint32 campaign) external;

    /// @notice Same as `subscribe`, after an EIP-2612 permit of `value` (a front-run permit is tolerated).
    function subscribeWithPermit(
        uint16 planId,
        address referrer,
        uint32 campaign,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Renews a due subscription from the subscriber's allowance. If the pull fails for the fan's own reason
    /// (balance or allowance short, or the token refuses this fan) the subscription ends (`PaymentFailed`). If the
    /// token refuses everyone (paused, or the hub blocklisted) it stays active (`RenewalDeferred`) until
    /// GRACE_PERIOD past its paid-through time, and a failure after that ends it (`GraceExpired`).
    function renew(address subscriber) external returns (bool renewed);

    /// @notice Renews every due subscription in `subscribers` under `renew`'s rules; skips the ones not active or
    /// not due.
    function renewBatch(address[] calldata subscribers) external returns (uint256 renewed);

    /// @notice What a keeper or an app needs before renewing `subscriber`: whether its subscription is active and due
    /// (`due`), whether the fan's balance and allowance cover the next charge (`wouldSucceed`), when the charge is due
    /// (`dueAt`, its paid-through time; 0 if not active) and how many charges its allowance and balance together
    /// cover (`renewalsCovered`, `min(balance, allowance) / price`; an unlimited allowance counts as the balance).
    /// @dev Reads balance and allowance only: a paused token or a blocklisted fan still fails (see `renew`).
    function renewable(
        address subscriber
    ) external view returns (bool due, bool wouldSucceed, uint64 dueAt, uint256 renewalsCovered);

    /// @notice Enrolls `artist` as a referrer. Owner or enroller only.
    function enroll(address artist) external;

    /// @notice Unenrolls `artist`: it refers no new subscriber; subscribers already bound to it stay bound for life.
    /// Owner or enroller only.
    function unenroll(address artist) external;

    /// @notice Registers a campaign of the caller paying `payout` (a Split, a recoupment waterfall or any address),
    /// fixed for good; returns its id, numbered from 1 per artist. While enrollment is required only an enrolled
    /// artist may register.
    function registerCampaign(address payout) external returns (uint32 campaign);

    /// @notice Names the key allowed to enroll and unenroll artists besides the owner (zero to remove). Owner only.
    function setEnroller(address enroller) external;

    /// @notice Sets whether referrers of new subscribers must be enrolled. Owner only.
    function setEnrollmentRequired(bool required) external;

    /// @notice Whether `artist` is enrolled now.
    function isEnrolled(address artist) external view returns (bool);

    /// @notice The payout address of `artist`'s campaign `campaign` (the artist itself for 0; zero if unknown).
    function campaignPayout(address artist, uint32 campaign) external view returns (address);

    /// @notice How many campaigns `artist` has registered (their ids are 1 to this).
    function campaignCount(address artist) external view returns (uint256);

    /// @notice The referral `subscriber` was bound to at its first subscription: the artist, its campaign and the
    /// payout address every payment credits (all zero for an organic or never-seen subscriber).
    function referralOf(address subscriber) external view returns (address artist, uint32 campaign, address payout);

    /// @notice Stops the caller's subscription from renewing; it stays paid until its paid-through time.
    function cancel() external;

    /// @notice Pays `account`'s referral balance to `account`. Anyone may call it. Reverts `HubTransferFailed` (naming
    /// the token and the account) if the token refuses the transfer; the balance stays booked.
    function withdraw(address account) external returns (uint256 amount);

    /// @notice Pays the platform's balance to `to`. Owner only.
    function withdrawPlatform(address to) external returns (uint256 amount);

    /// @notice Funds the open period's pool into the distributor and opens the next period. The owner or the period
    /// closer may call it at any time; anyone may once the period has been open `OVERDUE_AFTER` seconds.
    function closePeriod() external returns (uint256 pool);

    /// @notice When the open period opened (deployment, or the last close): anyone may close it from this time plus
    /// `OVERDUE_AFTER`.
    function periodOpenedAt() external view returns (uint40);

    /// @notice How long a period stays open before anyone may close it, fixed at deployment (an hour to ten years).
    function OVERDUE_AFTER() external view returns (uint256);

    /// @notice Announces a terms version, effective after the notice period.
    function proposeTerms(uint16 referralBps, uint16 poolBps, uint32 referralDuration) external returns (uint256);

    /// @notice Announces a plan, available after the notice period.
    function proposePlan(uint96 price, uint32 period) external returns (uint16 planId);

    /// @notice Announces a plan's retirement, effective after the notice period.
    function proposePlanRetirement(uint16 planId) external;

    /// @notice Sets the address allowed to close periods besides the owner (zero to remove).
    function setPeriodCloser(address closer) external;

    /// @notice Growth units `referrer` has earned: one per base unit paid by its subscribers while their referral is
    /// active. Cumulative, never lowered; a growth pool reads it to credit the referrer (`IGrowthPool.sync`).
    function unitsOf(address referrer) external view returns (uint256);

    /// @notice How `amount` would be routed for `subscriber` (or, if not yet bound, for a new one via `referrer`).
    function previewSplit(
        uint256 amount,
        address subscriber,
        address referrer
    ) external view returns (uint256 referralPart, uint256 poolPart, uint256 platformPart);
}
