// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Pays ETH the way old contracts do: Solidity `transfer` (2,300-gas stipend, reverts on failure),
/// or `send` (same stipend, returns false).
contract SplitEtherSender {
    event Sent(address to, uint256 amount, bool ok);

    receive() external payable {}

    function transferTo(address payable to, uint256 amount) external {
        to.transfer(amount);
        emit Sent(to, amount, true);
    }

    function sendTo(address payable to, uint256 amount) external returns (bool ok) {
        ok = to.send(amount);
        emit Sent(to, amount, ok);
    }
}
