// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISplitFactory} from "../interfaces/ISplitFactory.sol";

/// @notice The Merkle commitment to a Split's payees, shared by the factory (at creation) and the Split.
/// @dev Leaf i = keccak256(abi.encodePacked(account, uint96 share, uint256 totalShares, bytes32 salt)), a
/// 96-byte preimage, so no internal node (64-byte preimage) can pose as a leaf, and every leaf commits to
/// the total and the salt. Levels pair nodes (2k, 2k+1) with a sorted-pair keccak (as OZ and Solady
/// MerkleProof); an odd last node is carried up unchanged. A payee word is `share << 160 | account`.
library SplitTree {
    /// @dev Most payees a Split may have; bounds the creation and `releaseAll` loops.
    uint256 internal constant MAX_PAYEES = 256;

    /// @dev Checks count, order, addresses and shares of `payees`, and returns the sum of the shares.
    function validate(uint256[] calldata payees) internal pure returns (uint256 totalShares) {
        uint256 n = payees.length;
        if (n < 2 || n > MAX_PAYEES) revert ISplitFactory.SplitPayeeCount(n);
        uint256 previous;
        for (uint256 i; i < n; ++i) {
            uint256 word = payees[i];
            uint256 account = uint160(word);
            // Strictly ascending from a non-zero first account rules out duplicates and the zero address.
            if (account <= previous) {
                if (i == 0) revert ISplitFactory.SplitZeroAddress();
                revert ISplitFactory.SplitPayeesNotSorted(i);
            }
            uint256 share = word >> 160;
            if (share == 0) revert ISplitFactory.SplitZeroShare(i);
            // Cannot overflow: at most 256 shares of at most 96 bits each.
            unchecked {
                totalShares += share;
            }
            previous = account;
        }
    }

    /// @dev Sum of the shares of `payees`, unchecked for order (used where the root check covers it).
    function sumShares(uint256[] calldata payees) internal pure returns (uint256 totalShares) {
        uint256 n = payees.length;
        for (uint256 i; i < n; ++i) {
            // Cannot overflow for any list whose root matches: at most 256 shares of 96 bits. For any
            // other list a wrapped sum only yields a root that matches nothing.
            unchecked {
                totalShares += payees[i] >> 160;
            }
        }
    }

    /// @dev The leaf of one payee.
    function leaf(address account, uint96 share, uint256 totalShares, bytes32 salt) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            // Uses 96 bytes past the free memory pointer without allocating them.
            let m := mload(0x40)
            mstore(m, or(shl(96, account), share))
            mstore(add(m, 0x20), totalShares)
            mstore(add(m, 0x40), salt)
            h := keccak256(m, 0x60)
        }
    }

    /// @dev The root of the tree over `payees`, built in place in unallocated memory.
    function root(uint256[] calldata payees, uint256 totalShares, bytes32 salt) internal pure returns (bytes32 r) {
        assembly ("memory-safe") {
            let n := payees.length
            let nodes := mload(0x40)
            // Leaf preimage staging area right after the n node slots; total and salt are written once.
            let pre := add(nodes, shl(5, n))
            mstore(add(pre, 0x20), totalShares)
            mstore(add(pre, 0x40), salt)
            let mask := sub(shl(160, 1), 1)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let word := calldataload(add(payees.offset, shl(5, i)))
                // Packed word (share << 160 | account) to leaf prefix (account << 96 | share).
                mstore(pre, or(shl(96, and(word, mask)), shr(160, word)))
                mstore(add(nodes, shl(5, i)), keccak256(pre, 0x60))
            }
            // Each level writes parent k after reading children 2k and 2k+1, so in place is safe.
            for {} gt(n, 1) {} {
                let half := shr(1, n)
                for { let k := 0 } lt(k, half) { k := add(k, 1) } {
                    let a := mload(add(nodes, shl(6, k)))
                    let b := mload(add(nodes, add(shl(6, k), 0x20)))
                    // Sorted pair in scratch space: the smaller word first.
                    let s := shl(5, gt(a, b))
                    mstore(s, a)
                    mstore(xor(s, 0x20), b)
                    mstore(add(nodes, shl(5, k)), keccak256(0x00, 0x40))
                }
                if and(n, 1) {
                    mstore(add(nodes, shl(5, half)), mload(add(nodes, shl(5, sub(n, 1)))))
                }
                n := add(half, and(n, 1))
            }
            r := mload(nodes)
        }
    }

    /// @dev The root reached from `leafHash` with `proof`; same fold as Solady `MerkleProofLib.verifyCalldata`,
    /// which needs a known root, whereas a Split has none stored and derives its address from this one.
    function processProof(bytes32[] calldata proof, bytes32 leafHash) internal pure returns (bytes32 r) {
        assembly ("memory-safe") {
            r := leafHash
            let offset := proof.offset
            let end := add(offset, shl(5, proof.length))
            for {} lt(offset, end) { offset := add(offset, 0x20) } {
                let p := calldataload(offset)
                let s := shl(5, gt(r, p))
                mstore(s, r)
                mstore(xor(s, 0x20), p)
                r := keccak256(0x00, 0x40)
            }
        }
    }
}
