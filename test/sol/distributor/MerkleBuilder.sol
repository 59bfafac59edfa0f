// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Builds four-leaf cumulative trees in Solidity with the StandardMerkleTree leaf and sorted-pair
/// hashing the Distributor verifies, so fuzz and invariant tests can propose fresh roots.
library MerkleBuilder {
    uint256 internal constant LEAVES = 4;

    function leaf(address account, uint256 cumulativeAmount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @dev Root of the tree ((l0, l1), (l2, l3)).
    function root(address[4] memory accounts, uint256[4] memory amounts) internal pure returns (bytes32) {
        bytes32[4] memory l = _leaves(accounts, amounts);
        return hashPair(hashPair(l[0], l[1]), hashPair(l[2], l[3]));
    }

    /// @dev Proof of leaf `i`: its sibling leaf, then the other pair's node.
    function proof(
        address[4] memory accounts,
        uint256[4] memory amounts,
        uint256 i
    ) internal pure returns (bytes32[] memory p) {
        bytes32[4] memory l = _leaves(accounts, amounts);
        p = new bytes32[](2);
        p[0] = l[i ^ 1];
        p[1] = i < 2 ? hashPair(l[2], l[3]) : hashPair(l[0], l[1]);
    }

    function _leaves(address[4] memory accounts, uint256[4] memory amounts) private pure returns (bytes32[4] memory l) {
        for (uint256 i; i < LEAVES; ++i) {
            l[i] = leaf(accounts[i], amounts[i]);
        }
    }
}
