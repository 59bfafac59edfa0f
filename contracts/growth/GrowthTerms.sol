// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {Durations} from "../libraries/Durations.sol";

/// @notice The platform's declared commitments to a GrowthPool ("20 % of ad revenue", "5 % of exit proceeds"), with
/// the hub's notice rule: a commitment announced after deployment takes effect only after NOTICE_PERIOD. Deposits
/// name the commitment they honour, so every deposit says on-chain what it is.
/// @dev A commitment is a public declaration; the chain cannot see the revenue it is a share of. Auditors compare
/// deposits (`Deposited`, with their reference) against the platform's published statements.
abstract contract GrowthTerms is IGrowthPool, Ownable2Step {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Seconds between announcing a commitment and its taking effect.
    uint256 public immutable NOTICE_PERIOD;

    uint256 internal constant _BPS = 10_000;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Commitment ids are dense from 1, so an empty slot (effectiveAt 0) means "no such id" in one read.
    mapping(uint256 id => Commitment) internal _commitments;

    /// @notice Number of commitments announced so far, including pending ones.
    uint256 public commitmentCount;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @dev The initial commitments take effect at deployment; only later ones wait for the notice.
    constructor(address owner_, uint256 noticePeriod, bytes32[] memory bases, uint16[] memory bps) Ownable(owner_) {
        _checkDuration(noticePeriod);
        NOTICE_PERIOD = noticePeriod;
        if (bases.length != bps.length) revert GrowthInvalidCommitment(bytes32(0), bps.length);
        for (uint256 i; i < bases.length; ++i) {
            _addCommitment(bases[i], bps[i], block.timestamp);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrowthPool
    function proposeCommitment(bytes32 basis, uint16 bps) external onlyOwner returns (uint256) {
        return _addCommitment(basis, bps, block.timestamp + NOTICE_PERIOD);
    }

    /// @notice Commitment `id` (1-based).
    function commitment(uint256 id) external view returns (Commitment memory c) {
        c = _commitments[id];
        if (c.effectiveAt == 0) revert GrowthUnknownCommitment(id);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Reverts unless `value` is within the deployment bounds (`Durations`).
    function _checkDuration(uint256 value) internal pure {
        if (!Durations.valid(value)) revert GrowthInvalidDuration(value, Durations.MIN, Durations.MAX);
    }

    /// @dev Reverts unless commitment `id` exists and is in effect.
    function _checkCommitment(uint256 id) internal view {
        uint256 effectiveAt = _commitments[id].effectiveAt;
        if (effectiveAt == 0) revert GrowthUnknownCommitment(id);
        if (effectiveAt > block.timestamp) revert GrowthCommitmentNotEffective(id, effectiveAt);
    }

    function _addCommitment(bytes32 basis, uint16 bps, uint256 effectiveAt) private returns (uint256 id) {
        if (basis == bytes32(0) || bps == 0 || bps > _BPS) revert GrowthInvalidCommitment(basis, bps);
        id = ++commitmentCount;
        _commitments[id] = Commitment(basis, bps, uint40(effectiveAt));
        emit CommitmentProposed(id, basis, bps, effectiveAt);
    }
}
