// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";

/// @notice How the Split and the Waterfall hold and pay ETH (`token == address(0)`) and ERC-20s.
library Payout {
    /// @dev Gas forwarded with each ETH payment in a batch release: enough for a Safe, a Split or a Waterfall
    /// (their clones STOP on a plain transfer), bounded so a gas guzzler costs at most this much.
    uint256 internal constant BATCH_ETH_GAS = SafeTransferLib.GAS_STIPEND_NO_GRIEF;

    /// @dev This contract's balance of `token` (ETH for the zero address).
    function balanceOf(address token) internal view returns (uint256) {
        return token == address(0) ? address(this).balance : SafeTransferLib.balanceOf(token, address(this));
    }

    /// @dev Pays `amount` of `token` to `to` with all gas, reverting if the payment fails.
    function pay(address token, address to, uint256 amount) internal {
        if (token == address(0)) SafeTransferLib.safeTransferETH(to, amount);
        else SafeTransferLib.safeTransfer(token, to, amount);
    }

    /// @dev Pays without reverting: ETH with `BATCH_ETH_GAS`, ERC-20 accepting true or no return data.
    /// Copies at most 32 bytes of return data, so a return bomb costs the caller nothing.
    function tryPay(address token, address to, uint256 amount) internal returns (bool success) {
        if (token == address(0)) return SafeTransferLib.trySafeTransferETH(to, amount, BATCH_ETH_GAS);
        assembly ("memory-safe") {
            mstore(0x14, to)
            mstore(0x34, amount)
            mstore(0x00, 0xa9059cbb000000000000000000000000) // `transfer(address,uint256)`.
            success := call(gas(), token, 0, 0x10, 0x44, 0x00, 0x20)
            // As Solady `safeTransfer`: ok if it returned exactly true, or returned nothing from a contract.
            if iszero(and(eq(mload(0x00), 1), success)) {
                success := lt(or(iszero(extcodesize(token)), returndatasize()), success)
            }
            mstore(0x34, 0) // Restore the part of the free memory pointer that was overwritten.
        }
    }
}
