// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Accepts ETH until switched off, then reverts on every receipt (a recipient that fails for a while).
contract SwitchableRecipient {
    error Refused();

    bool public refusing;

    function setRefusing(bool refusing_) external {
        refusing = refusing_;
    }

    receive() external payable {
        if (refusing) revert Refused();
    }
}
