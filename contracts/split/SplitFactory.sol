// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {ISplitFactory} from "../interfaces/ISplitFactory.sol";
import {SplitTree} from "../libraries/SplitTree.sol";
import {SplitClone} from "../libraries/SplitClone.sol";
import {Split} from "./Split.sol";

/// @title SplitFactory
/// @notice Creates Splits at CREATE2 addresses whose salt is the Merkle root of the payees, so an address
/// commits to payees, shares, total and salt and can be published (and paid) before the Split exists.
/// @dev Holds no funds and no storage, and its only external call is CREATE2 of fixed code that runs no
/// user code, so it needs no reentrancy guard.
contract SplitFactory is ISplitFactory {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Most payees a Split may have.
    uint256 public constant MAX_PAYEES = SplitTree.MAX_PAYEES;

    /// @inheritdoc ISplitFactory
    address public immutable IMPLEMENTATION;

    /// @inheritdoc ISplitFactory
    bytes32 public immutable CLONE_INIT_CODE_HASH;

    /// @dev The 59-byte clone creation code as two words (the last 5 bytes of the second are zero), so
    /// creation copies two immutables instead of re-encoding it.
    bytes32 private immutable _INIT_CODE_0;
    bytes32 private immutable _INIT_CODE_1;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor() {
        address implementation = address(new Split());
        bytes memory code = SplitClone.initCode(implementation);
        bytes32 w0;
        bytes32 w1;
        assembly ("memory-safe") {
            w0 := mload(add(code, 0x20))
            // Keep bytes 32..58 and zero the 5 bytes past the end of the code.
            w1 := shl(40, shr(40, mload(add(code, 0x40))))
        }
        IMPLEMENTATION = implementation;
        CLONE_INIT_CODE_HASH = keccak256(code);
        _INIT_CODE_0 = w0;
        _INIT_CODE_1 = w1;
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISplitFactory
    function createSplit(uint256[] calldata payees, bytes32 salt) external returns (address split) {
        uint256 totalShares = SplitTree.validate(payees);
        bytes32 root = SplitTree.root(payees, totalShares, salt);
        split = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, root, address(this));
        // Checked up front: a CREATE2 collision would burn all gas forwarded to it.
        if (split.code.length != 0) revert SplitAlreadyExists(split);
        bytes32 w0 = _INIT_CODE_0;
        bytes32 w1 = _INIT_CODE_1;
        uint256 length = SplitClone.INIT_CODE_LENGTH;
        address created;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, w0)
            mstore(add(m, 0x20), w1)
            created := create2(0, m, length, root)
        }
        // Unreachable with the check above (the code cannot run out of gas or value); kept as a backstop.
        if (created != split) revert SplitAlreadyExists(split);
        emit SplitCreated(split, root, totalShares, salt, payees);
    }

    /// @inheritdoc ISplitFactory
    function predictSplit(uint256[] calldata payees, bytes32 salt) external view returns (address split, bytes32 root) {
        root = SplitTree.root(payees, SplitTree.validate(payees), salt);
        split = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, root, address(this));
    }

    /// @inheritdoc ISplitFactory
    function splitRoot(
        uint256[] calldata payees,
        bytes32 salt
    ) external pure returns (bytes32 root, uint256 totalShares) {
        totalShares = SplitTree.validate(payees);
        root = SplitTree.root(payees, totalShares, salt);
    }
}
