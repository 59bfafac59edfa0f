// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGrowthPool} from "../interfaces/IGrowthPool.sol";

/// @dev A token's word, read by every deposit and claim of it. Bits, low to high: cumulative reward per unit scaled
/// by GrowthMath.SCALE (184), carry into the next deposit (71), allowed for deposits (1).
type TokenSlot is uint256;

/// @dev A holder's checkpoint in one token. Bits, low to high: the index at its last settlement (184), the fraction
/// of a base unit it had earned beyond what was booked then, scaled by GrowthMath.SCALE (64).
type CheckSlot is uint256;

/// @dev A holder's units in one word. Bits, low to high: units synced from the hub (128), units credited from
/// publications (128).
type HolderSlot is uint256;

using GrowthSlots for TokenSlot global;
using GrowthSlots for CheckSlot global;
using GrowthSlots for HolderSlot global;

/// @notice Packing of the GrowthPool's hot words, so a deposit and a claim each touch as few slots as possible.
library GrowthSlots {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The index field: 2**184 / 1e18 ≈ 2.5e37 base units per unit, cumulative, before deposits revert.
    uint256 internal constant MAX_INDEX = (1 << 184) - 1;
    /// @dev The carry field: the largest carry (2**128 / 1e18 + 1) fits with room to spare.
    uint256 internal constant MAX_CARRY = (1 << 71) - 1;

    uint256 private constant _U128 = type(uint128).max;
    uint256 private constant _CARRY = 184;
    uint256 private constant _ALLOWED = 255;
    uint256 private constant _FRAC = 184;
    uint256 private constant _PUBLICATION = 128;

    /*//////////////////////////////////////////////////////////////
                               TOKEN SLOT
    //////////////////////////////////////////////////////////////*/

    function index(TokenSlot t) internal pure returns (uint256) {
        return TokenSlot.unwrap(t) & MAX_INDEX;
    }

    function carry(TokenSlot t) internal pure returns (uint256) {
        return (TokenSlot.unwrap(t) >> _CARRY) & MAX_CARRY;
    }

    function allowed(TokenSlot t) internal pure returns (bool) {
        return TokenSlot.unwrap(t) >> _ALLOWED != 0;
    }

    /// @dev Reverts `GrowthOverflow` if the index or the carry no longer fits.
    function packToken(uint256 index_, uint256 carry_, bool allowed_) internal pure returns (TokenSlot) {
        if (index_ > MAX_INDEX) revert IGrowthPool.GrowthOverflow(index_);
        if (carry_ > MAX_CARRY) revert IGrowthPool.GrowthOverflow(carry_);
        return TokenSlot.wrap(index_ | (carry_ << _CARRY) | (uint256(allowed_ ? 1 : 0) << _ALLOWED));
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

    /// @dev `index_` comes from a TokenSlot (184 bits) and `frac_` is below 1e18 (60 bits).
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
}
