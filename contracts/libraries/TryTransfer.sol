// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An ERC-20 transfer that reports failure instead of reverting, so a caller can revert with an error that
/// names the token and the recipient (or skip), where Solady's `safeTransfer` reverts a bare `TransferFailed()`.
library TryTransfer {
    /// @dev Transfers `amount` of `token` to `to`; true if it returned exactly true, or returned nothing from a
    /// contract (as Solady `safeTransfer`). Copies at most 32 bytes of return data, so a return bomb costs nothing.
    function tryTransfer(address token, address to, uint256 amount) internal returns (bool success) {
        assembly ("memory-safe") {
            mstore(0x14, to)
            mstore(0x34, amount)
            mstore(0x00, 0xa9059cbb000000000000000000000000) // `transfer(address,uint256)`.
            success := call(gas(), token, 0, 0x10, 0x44, 0x00, 0x20)
            if iszero(and(eq(mload(0x00), 1), success)) {
                success := lt(or(iszero(extcodesize(token)), returndatasize()), success)
            }
            mstore(0x34, 0) // Restore the part of the free memory pointer that was overwritten.
        }
    }
}
