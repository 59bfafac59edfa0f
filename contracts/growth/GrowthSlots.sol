// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGrowthPool} from "../interfaces/IGrowthPool.sol";

/// @dev A token's word, read by every deposit and claim of it. Bits, low to high: cumulative reward per unit in 1e-18
/// base units (127), allowed for deposits (1), the remainder no holder has been given yet, in 1e-18 base units,
/// carried into the next deposit (128).
type TokenSlot is uint256;

/// @dev A holder's checkpoint in one token. Bits, low to high: the index at its last settlement (127), the fraction
/// of a base unit it had earned beyond what was booked then, in 1e-18 base units (64).
type CheckSlot is uint256;

/// @dev A holder's units in one word. Bits, low to high: units synced from the hub (128), units credited from
/// publications (128).
type HolderSlot is uint256;

/// @dev Units waiting to earn, in one word, globally and per holder. They only ever come from credits in two
/// consecutive epochs (older credits have started earning by the time of a later credit), so one epoch number says
/// both. Bits, low to high: units waiting for epoch `epoch - 1` (112), units waiting for `epoch` (112), `epoch` (32).
type WaitSlot is uint256;

using GrowthSlots for TokenSlot global;
using GrowthSlots for WaitSlot global;
using GrowthSlots for CheckSlot global;
using GrowthSlots for HolderSlot global;

/// @notice Packing of the GrowthPool's hot words, so a deposit and a claim each touch as few slots as possible.
library GrowthSlots {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The index field: 2**127 / 1e18 ≈ 1.7e20 base units deposited per unit, cumulative, before deposits of the
    /// token revert. Units are base units paid to the hub, so this is a deposit 1.7e20 times everything ever paid.
    uint256 internal constant MAX_INDEX = (1 << 127) - 1;

    uint256 private constant _U128 = type(uint128).max;
    uint256 private constant _ALLOWED = 127;
    uint256 private constant _REMAINDER = 128;
    uint256 private constant _FRAC = 127;
    uint256 private constant _PUBLICATION = 128;
    uint256 private constant _U112 = type(uint112).max;
    uint256 private constant _NEWER = 112;
    uint256 private constant _EPOCH = 224;

    /*//////////////////////////////////////////////////////////////
                               TOKEN SLOT
    //////////////////////////////////////////////////////////////*/

    function index(TokenSlot t) internal pure returns (uint256) {
        return TokenSlot.unwrap(t) & MAX_INDEX;
    }

    function allowed(TokenSlot t) internal pure returns (bool) {
        return (TokenSlot.unwrap(t) >> _ALLOWED) & 1 != 0;
    }

    function remainder(TokenSlot t) internal pure returns (uint256) {
        return TokenSlot.unwrap(t) >> _REMAINDER;
    }

    /// @dev Reverts `GrowthOverflow` if the index no longer fits; the remainder is below the total units (< 2**128).
    function packToken(uint256 index_, bool allowed_, uint256 remainder_) internal pure returns (TokenSlot) {
        if (index_ > MAX_INDEX) revert IGrowthPool.GrowthOverflow(index_);
        return TokenSlot.wrap(index_ | (uint256(allowed_ ? 1 : 0) << _ALLOWED) | (remainder_ << _REMAINDER));
    }

    /*//////////////////////////////////////////////////////////////
                               CHECK SLOT
    //////////////////////////////////////////////////////////////*/

    function snapshot(CheckSlot c) internal pure returns (uint256) {
        return CheckSlot.unwrap(c) & MAX_INDEX;
    }

    function frac(CheckSlot c) internal pure returns (uint256) {
        return CheckSlot.unwrap(c) >> _FRAC;
    }

    /// @dev `index_` comes from a TokenSlot (127 bits) and `frac_` is below 1e18 (60 bits).
    function packCheck(uint256 index_, uint256 frac_) internal pure returns (CheckSlot) {
        return CheckSlot.wrap(index_ | (frac_ << _FRAC));
    }

    /*//////////////////////////////////////////////////////////////
                              HOLDER SLOT
    //////////////////////////////////////////////////////////////*/

    function hubUnits(HolderSlot h) internal pure returns (uint256) {
        return HolderSlot.unwrap(h) & _U128;
    }

    function publicationUnits(HolderSlot h) internal pure returns (uint256) {
        return HolderSlot.unwrap(h) >> _PUBLICATION;
    }

    /// @dev Both fields below 2**128, so the sum cannot overflow.
    function units(HolderSlot h) internal pure returns (uint256) {
        return hubUnits(h) + publicationUnits(h);
    }

    /// @dev Reverts `GrowthOverflow` if a field no longer fits.
    function packHolder(uint256 hubUnits_, uint256 publicationUnits_) internal pure returns (HolderSlot) {
        if (hubUnits_ > _U128) revert IGrowthPool.GrowthOverflow(hubUnits_);
        if (publicationUnits_ > _U128) revert IGrowthPool.GrowthOverflow(publicationUnits_);
        return HolderSlot.wrap(hubUnits_ | (publicationUnits_ << _PUBLICATION));
    }

    /*//////////////////////////////////////////////////////////////
                               WAIT SLOT
    //////////////////////////////////////////////////////////////*/

    function epoch(WaitSlot w) internal pure returns (uint256) {
        return WaitSlot.unwrap(w) >> _EPOCH;
    }

    /// @dev Units waiting for `epoch(w) - 1`.
    function older(WaitSlot w) internal pure returns (uint256) {
        return WaitSlot.unwrap(w) & _U112;
    }

    /// @dev Units waiting for `epoch(w)`.
    function newer(WaitSlot w) internal pure returns (uint256) {
        return (WaitSlot.unwrap(w) >> _NEWER) & _U112;
    }

    /// @dev Units still waiting at `now_` (an epoch number): the ones whose epoch has not started.
    function waitingAt(WaitSlot w, uint256 now_) internal pure returns (uint256 units) {
        uint256 e = epoch(w);
        if (e > now_) units = newer(w);
        if (e > now_ + 1) units += older(w);
    }

    /// @dev Reverts `GrowthOverflow` if a bucket no longer fits (2**112 units credited in one epoch); `epoch_` is a
    /// timestamp over at least an hour, far below 2**32.
    function packWait(uint256 epoch_, uint256 older_, uint256 newer_) internal pure returns (WaitSlot) {
        if (older_ > _U112) revert IGrowthPool.GrowthOverflow(older_);
        if (newer_ > _U112) revert IGrowthPool.GrowthOverflow(newer_);
        return WaitSlot.wrap(older_ | (newer_ << _NEWER) | (epoch_ << _EPOCH));
    }

    /// @dev `w` after adding `units` for `epoch_`, once every bucket before `epoch_ - 1` has started earning (so the
    /// word holds credits for `epoch_ - 1` and `epoch_` at most).
    function add(WaitSlot w, uint256 epoch_, uint256 units) internal pure returns (WaitSlot) {
        uint256 e = epoch(w);
        if (e == epoch_) return packWait(epoch_, older(w), newer(w) + units);
        if (e + 1 == epoch_) return packWait(epoch_, newer(w), units);
        return packWait(epoch_, 0, units);
    }
}
