// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/src/utils/LibClone.sol";
import {IWaterfallFactory} from "../interfaces/IWaterfallFactory.sol";
import {SplitClone} from "../libraries/SplitClone.sol";
import {WaterfallConfig} from "../libraries/WaterfallConfig.sol";
import {Waterfall} from "./Waterfall.sol";

/// @title WaterfallFactory
/// @notice Creates Waterfalls at CREATE2 addresses whose salt is the hash of the whole config (token, tranches
/// with their caps in order, residual, salt), so an address can be published — as a campaign's payout
/// address, or a Split's payee — and paid before the Waterfall exists.
/// @dev Holds no funds and no storage, and its only external call is CREATE2 of fixed code that runs no
/// user code, so it needs no reentrancy guard.
contract WaterfallFactory is IWaterfallFactory {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Most tranches a Waterfall may have.
    uint256 public constant MAX_TRANCHES = WaterfallConfig.MAX_TRANCHES;

    /// @inheritdoc IWaterfallFactory
    address public immutable IMPLEMENTATION;

    /// @inheritdoc IWaterfallFactory
    bytes32 public immutable CLONE_INIT_CODE_HASH;

    /// @dev The 59-byte clone creation code as two words (see `SplitClone.initCodeWords`).
    bytes32 private immutable _INIT_CODE_0;
    bytes32 private immutable _INIT_CODE_1;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor() {
        address implementation = address(new Waterfall());
        IMPLEMENTATION = implementation;
        CLONE_INIT_CODE_HASH = keccak256(SplitClone.initCode(implementation));
        (_INIT_CODE_0, _INIT_CODE_1) = SplitClone.initCodeWords(implementation);
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IWaterfallFactory
    function createWaterfall(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external returns (address waterfall) {
        WaterfallConfig.validate(tranches, residual);
        bytes32 configHash = WaterfallConfig.hash(token, tranches, residual, salt);
        waterfall = SplitClone.deploy(_INIT_CODE_0, _INIT_CODE_1, configHash);
        // The creation code cannot fail, so zero means the address has code: this config was created before.
        // WARNING: as for Splits, a collision consumes the gas forwarded to CREATE2; gas estimation fails first.
        if (waterfall == address(0)) {
            revert WaterfallAlreadyExists(
                LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, configHash, address(this))
            );
        }
        emit WaterfallCreated(waterfall, token, residual, configHash, salt, tranches);
    }

    /// @inheritdoc IWaterfallFactory
    function predictWaterfall(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external view returns (address waterfall, bytes32 configHash) {
        WaterfallConfig.validate(tranches, residual);
        configHash = WaterfallConfig.hash(token, tranches, residual, salt);
        waterfall = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, configHash, address(this));
    }
}
