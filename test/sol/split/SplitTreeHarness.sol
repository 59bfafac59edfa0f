// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SplitTree} from "../../../contracts/libraries/SplitTree.sol";

/// @notice Exposes SplitTree to tests (fuzzing the library alone, and measuring it).
contract SplitTreeHarness {
    function sumShares(uint256[] calldata payees) external pure returns (uint256) {
        return SplitTree.sumShares(payees);
    }

    function root(uint256[] calldata payees, uint256 totalShares, bytes32 salt) external pure returns (bytes32) {
        return SplitTree.root(payees, totalShares, salt);
    }

    function leaf(address account, uint96 share, uint256 totalShares, bytes32 salt) external pure returns (bytes32) {
        return SplitTree.leaf(account, share, totalShares, salt);
    }

    function processProof(bytes32[] calldata proof, bytes32 leafHash) external pure returns (bytes32) {
        return SplitTree.processProof(proof, leafHash);
    }
}
