// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice A contract that takes funding in its one ERC-20 token, pulled from the caller.
interface IFundable {
    /// @notice Pulls `amount` of the token from the caller (who must have approved it) and books it.
    function fund(uint256 amount) external;

    /// @notice The ERC-20 token this contract holds and pays out.
    function token() external view returns (address);
}
