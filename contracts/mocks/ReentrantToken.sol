// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC-20 that calls the recipient's fallback after every transfer (ERC-777-like hook), so a
/// hostile recipient can try to re-enter the contract paying it.
contract ReentrantToken is ERC20 {
    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to.code.length > 0) {
            // Ignore the result: the hook only gives the recipient a chance to re-enter.
            (bool ok, ) = to.call(abi.encodeWithSignature("onTokenTransfer(address,uint256)", from, value));
            ok;
        }
    }
}
