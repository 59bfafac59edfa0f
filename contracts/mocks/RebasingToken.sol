// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Balances are shares times a global index that anyone can move up or down (like stETH or AMPL).
contract RebasingToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public constant name = "Rebasing Token";
    string public constant symbol = "REB";
    uint8 public constant decimals = 18;
    uint256 public indexNum = 1;
    uint256 public indexDen = 1;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalShares;

    function rebase(uint256 num, uint256 den) external {
        indexNum = num;
        indexDen = den;
    }

    function totalSupply() external view returns (uint256) {
        return (totalShares * indexNum) / indexDen;
    }

    function balanceOf(address a) public view returns (uint256) {
        return (shares[a] * indexNum) / indexDen;
    }

    function mint(address to, uint256 amount) external {
        uint256 s = (amount * indexDen) / indexNum;
        shares[to] += s;
        totalShares += s;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 a = allowance[from][msg.sender];
        if (a != type(uint256).max) allowance[from][msg.sender] = a - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        // Rounds the share amount up so a sender can never move more value than it holds.
        uint256 s = (amount * indexDen + indexNum - 1) / indexNum;
        shares[from] -= s;
        shares[to] += s;
        emit Transfer(from, to, amount);
    }
}
