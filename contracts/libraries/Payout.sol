// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {TryTransfer} from "./TryTransfer.sol";

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

    /// @dev Pays without reverting: ETH with `BATCH_ETH_GAS`, ERC-20 through `TryTransfer` (true or no return data).
    function tryPay(address token, address to, uint256 amount) internal returns (bool) {
        if (token == address(0)) return SafeTransferLib.trySafeTransferETH(to, amount, BATCH_ETH_GAS);
        return TryTransfer.tryTransfer(token, to, amount);
    }
}
