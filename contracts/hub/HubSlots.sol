// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";

/// @dev A subscriber's hot slot in one word, rewritten on every payment. Bits, low to high: paidThrough (40),
/// price (96), period (32), planId (16), status (8), campaign (32); the same layout as a stored `Subscription`.
type SubSlot is uint256;

/// @dev A subscriber's bound slot in one word, written once. Bits, low to high: referrer (160), referralEndsAt (40),
/// referralBps (16), poolBps (16), termsVersion (16); the same layout as a stored `Binding`.
type BindSlot is uint256;

/// @dev A referrer's word, touched once per referred payment. Bits, low to high: withdrawable referral balance (128),
/// growth units earned (128). Units sit next to the balance so accruing them costs no extra storage access.
type ReferrerSlot is uint256;

/// @dev The open period's books in one word, touched once per payment. Bits, low to high: pool (112),
/// platformBalance (112), period (32).
type LedgerSlot is uint256;

using HubSlots for SubSlot global;
using HubSlots for BindSlot global;
using HubSlots for LedgerSlot global;
using HubSlots for ReferrerSlot global;

/// @notice Packing of the SubscriptionHub's per-payment words. A renewal reads and writes each word once and reads
/// single fields with a shift and a mask, instead of copying whole structs through memory.
library HubSlots {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint256 private constant _U16 = type(uint16).max;
    uint256 private constant _U32 = type(uint32).max;
    uint256 private constant _U40 = type(uint40).max;
    uint256 private constant _U96 = type(uint96).max;
    uint256 private constant _U112 = type(uint112).max;
    uint256 private constant _U128 = type(uint128).max;

    uint256 private constant _PRICE = 40;
    uint256 private constant _PERIOD = 136;
    uint256 private constant _PLAN = 168;
    uint256 private constant _STATUS = 184;
    uint256 private constant _CAMPAIGN = 192;

    uint256 private constant _ENDS_AT = 160;
    uint256 private constant _REFERRAL_BPS = 200;
    uint256 private constant _POOL_BPS = 216;
    uint256 private constant _TERMS_VERSION = 240;

    uint256 private constant _PLATFORM = 112;
    uint256 private constant _LEDGER_PERIOD = 224;

    uint256 private constant _UNITS = 128;

    /*//////////////////////////////////////////////////////////////
                            SUBSCRIPTION SLOT
    //////////////////////////////////////////////////////////////*/

    function paidThrough(SubSlot s) internal pure returns (uint256) {
        return SubSlot.unwrap(s) & _U40;
    }

    function price(SubSlot s) internal pure returns (uint256) {
        return (SubSlot.unwrap(s) >> _PRICE) & _U96;
    }

    function period(SubSlot s) internal pure returns (uint256) {
        return (SubSlot.unwrap(s) >> _PERIOD) & _U32;
    }

    function status(SubSlot s) internal pure returns (ISubscriptionHub.Status) {
        return ISubscriptionHub.Status(uint8(SubSlot.unwrap(s) >> _STATUS));
    }

    function campaign(SubSlot s) internal pure returns (uint256) {
        return SubSlot.unwrap(s) >> _CAMPAIGN;
    }

    /// @dev `t` must fit 40 bits; callers add a uint32 period to a timestamp, far below 2**40 for millennia.
    function withPaidThrough(SubSlot s, uint256 t) internal pure returns (SubSlot) {
        return SubSlot.wrap((SubSlot.unwrap(s) & ~_U40) | t);
    }

    function withStatus(SubSlot s, ISubscriptionHub.Status st) internal pure returns (SubSlot) {
        return SubSlot.wrap((SubSlot.unwrap(s) & ~(uint256(0xff) << _STATUS)) | (uint256(st) << _STATUS));
    }

    function pack(ISubscriptionHub.Subscription memory s) internal pure returns (SubSlot) {
        return
            SubSlot.wrap(
                uint256(s.paidThrough) |
                    (uint256(s.price) << _PRICE) |
                    (uint256(s.period) << _PERIOD) |
                    (uint256(s.planId) << _PLAN) |
                    (uint256(s.status) << _STATUS) |
                    (uint256(s.campaign) << _CAMPAIGN)
            );
    }

    function unpack(SubSlot s) internal pure returns (ISubscriptionHub.Subscription memory) {
        uint256 w = SubSlot.unwrap(s);
        return
            ISubscriptionHub.Subscription({
                paidThrough: uint40(w),
                price: uint96(w >> _PRICE),
                period: uint32(w >> _PERIOD),
                planId: uint16(w >> _PLAN),
                status: ISubscriptionHub.Status(uint8(w >> _STATUS)),
                campaign: uint32(w >> _CAMPAIGN)
            });
    }

    /*//////////////////////////////////////////////////////////////
                              BINDING SLOT
    //////////////////////////////////////////////////////////////*/

    function referrer(BindSlot b) internal pure returns (address) {
        return address(uint160(BindSlot.unwrap(b)));
    }

    function referralEndsAt(BindSlot b) internal pure returns (uint256) {
        return (BindSlot.unwrap(b) >> _ENDS_AT) & _U40;
    }

    function referralBps(BindSlot b) internal pure returns (uint256) {
        return (BindSlot.unwrap(b) >> _REFERRAL_BPS) & _U16;
    }

    function poolBps(BindSlot b) internal pure returns (uint256) {
        return (BindSlot.unwrap(b) >> _POOL_BPS) & _U16;
    }

    function pack(ISubscriptionHub.Binding memory b) internal pure returns (BindSlot) {
        return
            BindSlot.wrap(
                uint256(uint160(b.referrer)) |
                    (uint256(b.referralEndsAt) << _ENDS_AT) |
                    (uint256(b.referralBps) << _REFERRAL_BPS) |
                    (uint256(b.poolBps) << _POOL_BPS) |
                    (uint256(b.termsVersion) << _TERMS_VERSION)
            );
    }

    function unpack(BindSlot b) internal pure returns (ISubscriptionHub.Binding memory) {
        uint256 w = BindSlot.unwrap(b);
        return
            ISubscriptionHub.Binding({
                referrer: address(uint160(w)),
                referralEndsAt: uint40(w >> _ENDS_AT),
                referralBps: uint16(w >> _REFERRAL_BPS),
                poolBps: uint16(w >> _POOL_BPS),
                termsVersion: uint16(w >> _TERMS_VERSION)
            });
    }

    /*//////////////////////////////////////////////////////////////
                               LEDGER SLOT
    //////////////////////////////////////////////////////////////*/

    function pool(LedgerSlot books) internal pure returns (uint256) {
        return LedgerSlot.unwrap(books) & _U112;
    }

    function platformBalance(LedgerSlot books) internal pure returns (uint256) {
        return (LedgerSlot.unwrap(books) >> _PLATFORM) & _U112;
    }

    function period(LedgerSlot books) internal pure returns (uint256) {
        return LedgerSlot.unwrap(books) >> _LEDGER_PERIOD;
    }

    /// @dev Reverts `HubLedgerOverflow` if a total no longer fits; `period_` must fit 32 bits.
    function packLedger(uint256 pool_, uint256 platformBalance_, uint256 period_) internal pure returns (LedgerSlot) {
        if (pool_ > _U112) revert ISubscriptionHub.HubLedgerOverflow(pool_);
        if (platformBalance_ > _U112) revert ISubscriptionHub.HubLedgerOverflow(platformBalance_);
        return LedgerSlot.wrap(pool_ | (platformBalance_ << _PLATFORM) | (period_ << _LEDGER_PERIOD));
    }

    /*//////////////////////////////////////////////////////////////
                              REFERRER SLOT
    //////////////////////////////////////////////////////////////*/

    function balance(ReferrerSlot r) internal pure returns (uint256) {
        return ReferrerSlot.unwrap(r) & _U128;
    }

    function units(ReferrerSlot r) internal pure returns (uint256) {
        return ReferrerSlot.unwrap(r) >> _UNITS;
    }

    /// @dev Adds a referral part and growth units; reverts `HubLedgerOverflow` if either total no longer fits.
    function credit(ReferrerSlot r, uint256 part, uint256 addedUnits) internal pure returns (ReferrerSlot) {
        uint256 w = ReferrerSlot.unwrap(r);
        // Why unchecked: each field is below 2**128 and callers add parts of a uint96 price, so neither sum wraps.
        unchecked {
            uint256 newBalance = (w & _U128) + part;
            uint256 newUnits = (w >> _UNITS) + addedUnits;
            if ((newBalance | newUnits) > _U128) {
                revert ISubscriptionHub.HubLedgerOverflow(newBalance > _U128 ? newBalance : newUnits);
            }
            return ReferrerSlot.wrap(newBalance | (newUnits << _UNITS));
        }
    }

    /// @dev The same word with the balance paid out; units are never paid out or lowered.
    function withoutBalance(ReferrerSlot r) internal pure returns (ReferrerSlot) {
        return ReferrerSlot.wrap(ReferrerSlot.unwrap(r) & ~_U128);
    }
}
