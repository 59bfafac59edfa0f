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
        IMPLEMENTATION = implementation;
        CLONE_INIT_CODE_HASH = keccak256(SplitClone.initCode(implementation));
        (_INIT_CODE_0, _INIT_CODE_1) = SplitClone.initCodeWords(implementation);
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISplitFactory
    function createSplit(uint256[] calldata payees, bytes32 salt) external returns (address split) {
        uint256 totalShares = SplitTree.sumShares(payees);
        bytes32 root = SplitTree.root(payees, totalShares, salt);
        bytes32 w0 = _INIT_CODE_0;
        bytes32 w1 = _INIT_CODE_1;
        uint256 length = SplitClone.INIT_CODE_LENGTH;
        // `SplitClone.deploy`, written out: the call costs 19 gas, and the 100-payee bar has little room.
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, w0)
            mstore(add(m, 0x20), w1)
            split := create2(0, m, length, root)
        }
        // The creation code cannot fail (no value, no user code), so zero means the address has code:
        // this config and salt were created before. Detected after the fact rather than by a cold
        // EXTCODESIZE up front, which would cost every creation 2,600 gas and break the 100-payee bar.
        // WARNING: a collision consumes the gas forwarded to CREATE2 (63/64 of what is left); gas
        // estimation fails first, so a wallet warns before sending.
        if (split == address(0)) {
            revert SplitAlreadyExists(LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, root, address(this)));
        }
        emit SplitCreated(split, root, totalShares, salt, payees);
    }

    /// @inheritdoc ISplitFactory
    function predictSplit(uint256[] calldata payees, bytes32 salt) external view returns (address split, bytes32 root) {
        root = SplitTree.root(payees, SplitTree.sumShares(payees), salt);
        split = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, root, address(this));
    }

    /// @inheritdoc ISplitFactory
    function splitRoot(
        uint256[] calldata payees,
        bytes32 salt
    ) external pure returns (bytes32 root, uint256 totalShares) {
        totalShares = SplitTree.sumShares(payees);
        root = SplitTree.root(payees, totalShares, salt);
    }
}
