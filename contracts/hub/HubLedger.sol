// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {HubMath} from "./HubMath.sol";
import {BindSlot, HubSlots, LedgerSlot, ReferrerSlot, SubSlot} from "./HubSlots.sol";
import {HubReferrers} from "./HubReferrers.sol";

/// @notice The books of a SubscriptionHub: per-subscriber slots, referral balances, the open period's ledger, and
/// the pull-and-route step every payment goes through.
/// @dev Ledger bound: pool and platform balance are uint112 (5.19e33 base units, i.e. 5.19e9 whole tokens of a
/// 24-decimal token); prices are uint96 (79,228 whole tokens at 24 decimals). Overflow reverts `HubLedgerOverflow`.
abstract contract HubLedger is HubReferrers {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice The one ERC-20 token this hub takes and pays.
    address public immutable TOKEN;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The open period's pool, the platform's balance and the period number, in one word.
    LedgerSlot internal _ledger;

    /// @dev Each subscriber's hot slot (a packed `Subscription`).
    mapping(address subscriber => SubSlot) internal _subscriptions;
    /// @dev Each subscriber's bound slot (a packed `Binding`).
    mapping(address subscriber => BindSlot) internal _bindings;
    /// @dev What each referrer can withdraw (only `withdraw(referrer)` lowers it, paying the referrer itself) and the
    /// growth units it has earned (never lowered).
    mapping(address referrer => ReferrerSlot) internal _referrers;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor(address token) {
        if (token == address(0)) revert HubZeroAddress();
        TOKEN = token;
        _ledger = HubSlots.packLedger(0, 0, 1);
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISubscriptionHub
    function previewSplit(
        uint256 amount,
        address subscriber,
        address referrer
    ) external view returns (uint256 referralPart, uint256 poolPart, uint256 platformPart) {
        Binding memory bound = _bindings[subscriber].unpack();
        if (bound.termsVersion == 0) {
            Terms memory t = _terms[_activeTermsVersion() - 1];
            // Self-referral is rejected at subscription, so it previews as organic.
            if (referrer == subscriber) referrer = address(0);
            uint40 end = HubMath.referralEnd(block.timestamp, t.referralDuration);
            bound = Binding(referrer, end, t.referralBps, t.poolBps, 0);
        }
        bool active = HubMath.referralActive(bound.referrer, bound.referralEndsAt, block.timestamp);
        return HubMath.split(amount, bound.referralBps, bound.poolBps, active);
    }

    /// @notice A subscriber's hot slot: paid-through time, snapshotted price and period, plan, status, campaign.
    function subscriptionOf(address subscriber) external view returns (Subscription memory) {
        return _subscriptions[subscriber].unpack();
    }

    /// @notice A subscriber's binding: referrer (the address every referral part credits: the referrer artist itself
    /// for its direct link, else its campaign's payout), referral end, bps and terms version, fixed at first
    /// subscription. `referralOf` names the artist and campaign too.
    function bindingOf(address subscriber) external view returns (Binding memory) {
        return _bindings[subscriber].unpack();
    }

    /// @inheritdoc ISubscriptionHub
    function referralOf(address subscriber) external view returns (address artist, uint32 campaign, address payout) {
        payout = _bindings[subscriber].referrer();
        if (payout == address(0)) return (address(0), 0, address(0));
        // The uint32 cast holds: the hot slot's campaign field is 32 bits.
        campaign = uint32(_subscriptions[subscriber].campaign());
        artist = campaign == 0 ? payout : _boundArtist[subscriber];
    }

    /// @notice What `referrer` can withdraw.
    function referralBalanceOf(address referrer) external view returns (uint256) {
        return _referrers[referrer].balance();
    }

    /// @inheritdoc ISubscriptionHub
    function unitsOf(address referrer) external view returns (uint256) {
        return _referrers[referrer].units();
    }

    /// @notice The open period's pool so far, the platform's withdrawable balance and the open period's number.
    function ledger() external view returns (uint256 pool, uint256 platformBalance, uint256 period) {
        LedgerSlot books = _ledger;
        return (books.pool(), books.platformBalance(), books.period());
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Pulls `amount` from `from`; false if the token refused (allowance, balance, blocklist, false return).
    /// A callee gets at most 63/64 of the gas left, so a pull that failed for lack of gas leaves less than 1/63 of
    /// what it was given: then the caller supplied too little and the whole call reverts instead of ending anyone.
    function _tryPull(address from, uint256 amount) internal returns (bool ok) {
        uint256 gasBefore = gasleft();
        ok = SafeTransferLib.trySafeTransferFrom(TOKEN, from, address(this), amount);
        if (!ok && gasleft() < gasBefore / 63) revert HubInsufficientGas();
    }

    /// @dev Reverts unless at least `expected` arrived since `balanceBefore` (fee-on-transfer tokens fail here).
    /// A surplus is not booked: it can only over-collateralise the hub.
    function _checkReceived(uint256 balanceBefore, uint256 expected) internal view {
        uint256 balanceAfter = _balance();
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received < expected) revert HubUnsupportedToken(expected, received);
    }

    /// @dev Routes one payment of `sub.price()` already received: credits the referrer, extends the subscription
    /// and returns the pool and platform parts for the caller to book (a batch books them once).
    function _route(
        address subscriber,
        SubSlot sub,
        uint256 period
    ) internal returns (uint256 poolPart, uint256 platformPart) {
        BindSlot bound = _bindings[subscriber];
        address referrer = bound.referrer();
        bool active = HubMath.referralActive(referrer, bound.referralEndsAt(), block.timestamp);
        uint256 referralPart;
        (referralPart, poolPart, platformPart) = HubMath.split(
            sub.price(),
            bound.referralBps(),
            bound.poolBps(),
            active
        );
        // Growth units: one per base unit paid while the referral is active, booked in the referrer's one word.
        if (active) _referrers[referrer] = _referrers[referrer].credit(referralPart, sub.price());
        // A late renewal starts from now, so a keeper that comes late never charges twice for one stretch. The sum
        // fits the 40 bits `withPaidThrough` needs until the year 36,000.
        uint256 start = sub.paidThrough() > block.timestamp ? sub.paidThrough() : block.timestamp;
        sub = sub.withPaidThrough(start + sub.period());
        _subscriptions[subscriber] = sub;
        _emitPaid(subscriber, sub, referrer, period, referralPart, poolPart);
    }

    /// @dev Adds routed parts to the open period's ledger in one write.
    function _book(LedgerSlot books, uint256 poolPart, uint256 platformPart) internal {
        _ledger = HubSlots.packLedger(books.pool() + poolPart, books.platformBalance() + platformPart, books.period());
    }

    /// @dev Stops renewals; the subscription stays paid until its paid-through time.
    function _end(address subscriber, SubSlot sub, Status status, EndReason reason) internal {
        _subscriptions[subscriber] = sub.withStatus(status);
        emit SubscriptionEnded(subscriber, reason, sub.paidThrough());
    }

    /// @dev Separate from `_route` only to keep the eight event fields off its stack.
    function _emitPaid(
        address subscriber,
        SubSlot sub,
        address referrer,
        uint256 period,
        uint256 referralPart,
        uint256 poolPart
    ) private {
        emit Paid(subscriber, referrer, period, sub.campaign(), sub.price(), referralPart, poolPart, sub.paidThrough());
    }

    function _balance() internal view returns (uint256) {
        return SafeTransferLib.balanceOf(TOKEN, address(this));
    }
}
