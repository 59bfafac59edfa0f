// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAuditedRoots} from "./IAuditedRoots.sol";
import {IFundable} from "./IFundable.sol";

/// @notice Cumulative Merkle distributor for one ERC-20 token: funded by anyone, roots proposed by a
/// publisher, vetoable by auditors during a fixed challenge window (`IAuditedRoots`), claimed by anyone for any leaf.
/// @dev Leaves are `@openzeppelin/merkle-tree` StandardMerkleTree leaves of `(address account,
/// uint256 cumulativeAmount)`: `keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))`.
/// A root's total may not exceed everything funded when it is proposed (`DistributorUnderfunded`).
interface IDistributor is IFundable, IAuditedRoots {
    /// @notice One claim of a batch.
    struct Claim {
        address account;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    // ---------------------------------------------------------------- errors

    /// @dev The token given at deployment is the zero address.
    error DistributorZeroAddress();
    /// @dev The token refused to pay `amount` to `to` (e.g. a blocklisted account); the claim is not booked.
    error DistributorTransferFailed(address token, address to, uint256 amount);
    /// @dev Ownership cannot be renounced: no publisher or auditor could ever be set again.
    error DistributorRenounceDisabled();
    /// @dev Funding of zero tokens.
    error DistributorZeroAmount();
    /// @dev The token moved `received` instead of `expected` into the contract (fee-on-transfer, rebasing...).
    error DistributorUnsupportedToken(uint256 expected, uint256 received);
    /// @dev The proposed cumulative total exceeds everything funded so far.
    error DistributorUnderfunded(uint256 total, uint256 funded);
    /// @dev The proof does not place `(account, cumulativeAmount)` in a claimable root.
    error DistributorInvalidProof(address account, uint256 cumulativeAmount);
    /// @dev The account has already claimed at least `cumulativeAmount`.
    error DistributorNothingToClaim(address account);
    /// @dev The claimant expected `expected` to be the active root, but `active` is.
    error DistributorRootMismatch(bytes32 expected, bytes32 active);

    // ---------------------------------------------------------------- events

    /// @dev `from` funded `amount`; `totalFunded` is the running total ever funded.
    event Funded(address indexed from, uint256 amount, uint256 totalFunded);
    /// @dev `account`'s claimed total rose to `cumulativeAmount`; the amount paid is the token's Transfer
    /// value in the same transaction (left out here to save every claim 256 gas).
    event Claimed(address indexed account, uint256 cumulativeAmount);

    // ---------------------------------------------------------------- funding

    /// @notice Pulls `amount` from the caller, then proposes a root, in one transaction (off-chain billing).
    function fundAndPropose(
        uint256 amount,
        bytes32 root,
        uint256 total,
        bytes32 dataHash,
        string calldata uri
    ) external;

    // ---------------------------------------------------------------- claims

    /// @notice Pays `cumulativeAmount - claimed(account)` to `account`; anyone may submit it.
    function claim(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice Like `claim`, but reverts unless `expectedRoot` is the active root (after promotion).
    function claimWithRoot(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        bytes32 expectedRoot
    ) external returns (uint256 amount);

    /// @notice Pays a batch of claims; entries with nothing left to claim are skipped.
    function claimMany(Claim[] calldata claims) external returns (uint256 paid);

    // ---------------------------------------------------------------- views

    /// @notice Whether a claim against `root` would be accepted now.
    function isClaimable(bytes32 root) external view returns (bool);

    /// @notice Everything ever funded through `fund`.
    function totalFunded() external view returns (uint256);

    /// @notice The cumulative amount already paid to `account`.
    function claimed(address account) external view returns (uint256);
}
