// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IWaterfallFactory} from "../interfaces/IWaterfallFactory.sol";

/// @notice A Waterfall's config: its commitment (shared by the factory at creation and the Waterfall on every
/// call), its validation, and the entitlement of each position.
/// @dev Tranche word: `cap << 160 | recipient`. With `received` the cumulative amount the Waterfall has taken
/// in, tranche i (caps c_0..c_{n-1}, b_i = c_0 + … + c_{i-1}) is entitled to min(max(received - b_i, 0), c_i)
/// and the residual to max(received - b_n, 0). The entitlements add up to `received` exactly, so nothing is
/// ever left to nobody.
library WaterfallConfig {
    /// @dev Most tranches a Waterfall may have; bounds the creation, release and `releaseAll` loops.
    uint256 internal constant MAX_TRANCHES = 32;

    /// @dev keccak256(token ‖ residual ‖ salt ‖ tranches), each a 32-byte word; the length is implied by the
    /// total, so no two configs share a preimage. Hashed in unallocated memory.
    function hash(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, token)
            mstore(add(m, 0x20), residual)
            mstore(add(m, 0x40), salt)
            let size := shl(5, tranches.length)
            calldatacopy(add(m, 0x60), tranches.offset, size)
            h := keccak256(m, add(0x60, size))
        }
    }

    /// @dev Reverts unless 1 <= n <= MAX_TRANCHES, every cap is non-zero and no recipient is the zero address.
    function validate(uint256[] calldata tranches, address residual) internal pure {
        uint256 n = tranches.length;
        if (n == 0 || n > MAX_TRANCHES) revert IWaterfallFactory.WaterfallTrancheCount(n);
        for (uint256 i; i < n; ++i) {
            uint256 word = tranches[i];
            if (uint160(word) == 0) revert IWaterfallFactory.WaterfallZeroRecipient(i);
            if (word >> 160 == 0) revert IWaterfallFactory.WaterfallZeroCap(i);
        }
        if (residual == address(0)) revert IWaterfallFactory.WaterfallZeroRecipient(n);
    }

    /// @dev The recipient of position `index` (the residual for `index == n`); `index <= n` is the caller's check.
    function recipient(uint256[] calldata tranches, address residual, uint256 index) internal pure returns (address) {
        return index == tranches.length ? residual : address(uint160(tranches[index]));
    }

    /// @dev What position `index` is entitled to once the Waterfall has received `received` in all.
    function entitled(uint256[] calldata tranches, uint256 index, uint256 received) internal pure returns (uint256) {
        uint256 before;
        // Cannot overflow: at most MAX_TRANCHES caps below 2^96 each.
        unchecked {
            for (uint256 i; i < index; ++i) before += tranches[i] >> 160;
        }
        if (received <= before) return 0;
        // Cannot underflow: checked just above.
        uint256 excess;
        unchecked {
            excess = received - before;
        }
        if (index == tranches.length) return excess;
        uint256 cap = tranches[index] >> 160;
        return excess < cap ? excess : cap;
    }
}
