// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Signals failure by returning false instead of reverting; `failAll` makes every transfer fail.
contract ReturnsFalseToken {
    event Transfer(address indexed from, address indexed to, uint256 value);

    string public constant name = "Returns False";
    string public constant symbol = "RFT";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    bool public failAll;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function setFailAll(bool v) external {
        failAll = v;
    }

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (failAll || balanceOf[msg.sender] < amount) return false;
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 a = allowance[from][msg.sender];
        if (failAll || balanceOf[from] < amount || a < amount) return false;
        if (a != type(uint256).max) allowance[from][msg.sender] = a - amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}
