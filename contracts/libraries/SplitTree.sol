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

    /// @dev Checks the payee count and returns the sum of the shares.
    function sumShares(uint256[] calldata payees) internal pure returns (uint256 totalShares) {
        uint256 n = payees.length;
        if (n < 2 || n > MAX_PAYEES) revert ISplitFactory.SplitPayeeCount(n);
        assembly ("memory-safe") {
            // Cannot overflow: at most 256 shares of at most 96 bits each. Unrolled by four: this loop
            // runs on every creation and every `releaseAll`.
            let p := payees.offset
            let end := add(p, shl(5, n))
            for {
                let end4 := add(p, shl(7, shr(2, n)))
            } lt(p, end4) {
                p := add(p, 0x80)
            } {
                totalShares := add(
                    totalShares,
                    add(
                        add(shr(160, calldataload(p)), shr(160, calldataload(add(p, 0x20)))),
                        add(shr(160, calldataload(add(p, 0x40))), shr(160, calldataload(add(p, 0x60))))
                    )
                )
            }
            for {} lt(p, end) {
                p := add(p, 0x20)
            } {
                totalShares := add(totalShares, shr(160, calldataload(p)))
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

    /// @dev The root of the tree over `payees` (count already checked by `sumShares`), built in place in
    /// unallocated memory. Reverts on an unsorted or duplicate account, the zero address or a zero share.
    /// Hand-written loops with few live variables: creation gas is dominated by this, and a Solidity loop
    /// costs about twice as much.
    // solhint-disable-next-line function-max-lines
    function root(uint256[] calldata payees, uint256 totalShares, bytes32 salt) internal pure returns (bytes32 r) {
        uint256 bad;
        assembly ("memory-safe") {
            let nodes := mload(0x40)
            // Leaf preimage at 0x00..0x5f (scratch and the free memory pointer slot, restored below);
            // total and salt are written once, the account-and-share word once per leaf.
            mstore(0x20, totalShares)
            mstore(0x40, salt)
            let previous := 0
            let out := nodes
            let p := payees.offset
            // Leaves are hashed two at a time straight into their parent (level 1).
            for {
                let pairsEnd := add(p, shl(6, shr(1, payees.length)))
            } lt(p, pairsEnd) {
                p := add(p, 0x40)
            } {
                // shl(96, word) is the account in the top 160 bits: it is the leaf prefix's high part and
                // orders like the account, so no mask is needed.
                let w := calldataload(p)
                let a := shl(96, w)
                let share := shr(160, w)
                // Strictly ascending from a non-zero first account rules out duplicates and the zero
                // address. Only a flag here; the slow path below finds the first offending index.
                bad := or(bad, iszero(mul(gt(a, previous), share)))
                // Leaf prefix: account << 96 | share.
                mstore(0x00, or(a, share))
                let h0 := keccak256(0x00, 0x60)
                w := calldataload(add(p, 0x20))
                previous := shl(96, w)
                share := shr(160, w)
                bad := or(bad, iszero(mul(gt(previous, a), share)))
                mstore(0x00, or(previous, share))
                let h1 := keccak256(0x00, 0x60)
                // Sorted pair written at `out` and the next (not yet used) node slot, then hashed.
                let s := shl(5, gt(h0, h1))
                mstore(add(out, s), h0)
                mstore(add(out, xor(s, 0x20)), h1)
                mstore(out, keccak256(out, 0x40))
                out := add(out, 0x20)
            }
            // An odd last leaf is carried up unchanged.
            if and(payees.length, 1) {
                let w := calldataload(p)
                let share := shr(160, w)
                bad := or(bad, iszero(mul(gt(shl(96, w), previous), share)))
                mstore(0x00, or(shl(96, w), share))
                mstore(out, keccak256(0x00, 0x60))
                out := add(out, 0x20)
            }
            mstore(0x40, nodes) // Restore the free memory pointer.
            // `last` points at the last node of the level. Parent k is written after children 2k and
            // 2k+1 are read (and sorted in place), so building in place is safe.
            for {
                let last := sub(out, 0x20)
            } gt(last, nodes) {} {
                out := nodes
                p := nodes
                for {} lt(p, last) {
                    p := add(p, 0x40)
                } {
                    let a := mload(p)
                    let b := mload(add(p, 0x20))
                    if gt(a, b) {
                        mstore(p, b)
                        mstore(add(p, 0x20), a)
                    }
                    mstore(out, keccak256(p, 0x40))
                    out := add(out, 0x20)
                }
                // An odd last node (p == last) is carried up unchanged.
                if eq(p, last) {
                    mstore(out, mload(last))
                    out := add(out, 0x20)
                }
                last := sub(out, 0x20)
            }
            r := mload(nodes)
        }
        if (bad != 0) _revertFirstInvalid(payees);
    }

    /// @dev Reverts with the error for the first invalid payee (slow path, only on a bad list).
    function _revertFirstInvalid(uint256[] calldata payees) private pure {
        uint256 previous;
        for (uint256 i; i < payees.length; ++i) {
            uint256 account = uint160(payees[i]);
            if (account <= previous) {
                if (i == 0) revert ISplitFactory.SplitZeroAddress();
                revert ISplitFactory.SplitPayeesNotSorted(i);
            }
            if (payees[i] >> 160 == 0) revert ISplitFactory.SplitZeroShare(i);
            previous = account;
        }
    }

    /// @dev The root reached from `leafHash` with `proof`; same fold as Solady `MerkleProofLib.verifyCalldata`,
    /// which needs a known root, whereas a Split has none stored and derives its address from this one.
    function processProof(bytes32[] calldata proof, bytes32 leafHash) internal pure returns (bytes32 r) {
        assembly ("memory-safe") {
            r := leafHash
            let offset := proof.offset
            let end := add(offset, shl(5, proof.length))
            for {} lt(offset, end) {
                offset := add(offset, 0x20)
            } {
                let p := calldataload(offset)
                let s := shl(5, gt(r, p))
                mstore(s, r)
                mstore(xor(s, 0x20), p)
                r := keccak256(0x00, 0x40)
            }
        }
    }
}
