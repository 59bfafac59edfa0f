// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {SplitFactory} from "../../../contracts/split/SplitFactory.sol";
import {SplitTree} from "../../../contracts/libraries/SplitTree.sol";

/// @notice Builds sorted payee lists and Merkle proofs the way lib/chain/split.ts does, for Solidity tests.
abstract contract SplitTestBase is Test {
    function _pack(address account, uint256 share) internal pure returns (uint256) {
        return (share << 160) | uint160(account);
    }

    /// @dev n distinct accounts in ascending order with the given shares.
    function _payees(uint256 n, uint256 seed, uint96[] memory shares) internal pure returns (uint256[] memory p) {
        p = new uint256[](n);
        // Ascending by construction: a fixed stride above a seed-dependent base.
        uint256 base = (uint256(keccak256(abi.encode(seed))) >> 100) + 1;
        for (uint256 i; i < n; ++i) p[i] = _pack(address(uint160(base + i * 0x1000)), shares[i]);
    }

    function _leaf(uint256 word, uint256 total, bytes32 salt) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(address(uint160(word)), uint96(word >> 160), total, salt));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev Proof for payee `index`: siblings level by level, skipping levels where the node is carried up.
    function _proof(uint256[] memory p, bytes32 salt, uint256 index) internal pure returns (bytes32[] memory proof) {
        uint256 total;
        for (uint256 i; i < p.length; ++i) total += p[i] >> 160;
        bytes32[] memory level = new bytes32[](p.length);
        for (uint256 i; i < p.length; ++i) level[i] = _leaf(p[i], total, salt);
        bytes32[] memory path = new bytes32[](16);
        uint256 depth;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) path[depth++] = level[sibling];
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 k; k + 1 < level.length; k += 2) next[k / 2] = _hashPair(level[k], level[k + 1]);
            if (level.length % 2 == 1) next[next.length - 1] = level[level.length - 1];
            level = next;
            index >>= 1;
        }
        proof = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) proof[i] = path[i];
    }

    function _total(uint256[] memory p) internal pure returns (uint256 total) {
        for (uint256 i; i < p.length; ++i) total += p[i] >> 160;
    }

    function _account(uint256 word) internal pure returns (address) {
        return address(uint160(word));
    }

    function _share(uint256 word) internal pure returns (uint96) {
        return uint96(word >> 160);
    }

    function _maxPayees() internal pure returns (uint256) {
        return SplitTree.MAX_PAYEES;
    }

    function _newFactory() internal returns (SplitFactory) {
        return new SplitFactory();
    }
}
