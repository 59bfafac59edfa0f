// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFundable} from "../interfaces/IFundable.sol";

/// @notice Stand-in distributor for hub tests: pulls what it is funded with (balance-difference checked) and
/// records it. `setTakeBps` makes it take less than asked, to test the hub's shortfall check.
contract MockFundable is IFundable {
    using SafeERC20 for IERC20;

    error MockFundableShortfall(uint256 expected, uint256 received);

    event Funded(address indexed from, uint256 amount);

    address public immutable token;
    uint256 public totalFunded;
    uint256 public fundCalls;
    uint256 public takeBps = 10_000;

    constructor(address token_) {
        token = token_;
    }

    function setTakeBps(uint256 bps) external {
        takeBps = bps;
    }

    function fund(uint256 amount) external {
        uint256 take = (amount * takeBps) / 10_000;
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), take);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != take) revert MockFundableShortfall(take, received);
        totalFunded += received;
        ++fundCalls;
        emit Funded(msg.sender, received);
    }
}
