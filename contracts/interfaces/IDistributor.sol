// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFundable} from "./IFundable.sol";

/// @notice Cumulative Merkle distributor for one ERC-20 token: funded by anyone, roots proposed by a
/// publisher, vetoable by auditors during a fixed challenge window, claimed by anyone for any leaf.
/// @dev Leaves are `@openzeppelin/merkle-tree` StandardMerkleTree leaves of `(address account,
/// uint256 cumulativeAmount)`: `keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))`.
interface IDistributor is IFundable {
    /// @notice One claim of a batch.
    struct Claim {
        address account;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    // ---------------------------------------------------------------- errors

    /// @dev A constructor or role argument is the zero address.
    error DistributorZeroAddress();
    /// @dev The challenge window given at deployment is outside [min, max] (an hour to ten years): too short leaves
    /// auditors no time, too long would make `now + window` look like forever.
    error DistributorInvalidWindow(uint256 window, uint256 min, uint256 max);
    /// @dev The token refused to pay `amount` to `to` (e.g. a blocklisted account); the claim is not booked.
    error DistributorTransferFailed(address token, address to, uint256 amount);
    /// @dev Ownership cannot be renounced: no publisher or auditor could ever be set again.
    error DistributorRenounceDisabled();
    /// @dev Funding of zero tokens.
    error DistributorZeroAmount();
    /// @dev The token moved `received` instead of `expected` into the contract (fee-on-transfer, rebasing...).
    error DistributorUnsupportedToken(uint256 expected, uint256 received);
    /// @dev The caller is not the publisher.
    error DistributorNotPublisher(address caller);
    /// @dev The caller is not a registered auditor.
    error DistributorNotAuditor(address caller);
    /// @dev The auditor is already registered.
    error DistributorAlreadyAuditor(address auditor);
    /// @dev A zero root was proposed.
    error DistributorZeroRoot();
    /// @dev The proposed root is the active root, or was vetoed before.
    error DistributorRootNotProposable(bytes32 root);
    /// @dev The proposed cumulative total exceeds everything funded so far.
    error DistributorUnderfunded(uint256 total, uint256 funded);
    /// @dev The proposed cumulative total is below the active root's total.
    error DistributorTotalDecreased(uint256 total, uint256 previous);
    /// @dev `root` is not the pending root, or its challenge window has passed.
    error DistributorNotVetoable(bytes32 root);
    /// @dev There is no pending root, or its challenge window has not passed yet.
    error DistributorNothingToPromote(bytes32 pending, uint256 claimableAt);
    /// @dev The proof does not place `(account, cumulativeAmount)` in a claimable root.
    error DistributorInvalidProof(address account, uint256 cumulativeAmount);
    /// @dev The account has already claimed at least `cumulativeAmount`.
    error DistributorNothingToClaim(address account);
    /// @dev The claimant expected `expected` to be the active root, but `active` is.
    error DistributorRootMismatch(bytes32 expected, bytes32 active);

    // ---------------------------------------------------------------- events

    /// @dev `from` funded `amount`; `totalFunded` is the running total ever funded.
    event Funded(address indexed from, uint256 amount, uint256 totalFunded);
    /// @dev The owner made `publisher` the publisher in place of `previous`.
    event PublisherSet(address indexed previous, address indexed publisher);
    /// @dev `auditor` was registered (by the owner, or at deployment).
    event AuditorAdded(address indexed auditor);
    /// @dev `auditor` removed itself.
    event AuditorResigned(address indexed auditor);
    /// @dev `root` was proposed; it becomes claimable at `claimableAt` unless vetoed.
    event RootProposed(bytes32 indexed root, uint256 total, bytes32 dataHash, string uri, uint256 claimableAt);
    /// @dev The unmatured pending root `replaced` was replaced by `root` before its window passed.
    event RootReplaced(bytes32 indexed replaced, bytes32 indexed root);
    /// @dev `auditor` vetoed the pending `root`; it can never be proposed again.
    event RootVetoed(bytes32 indexed root, address indexed auditor);
    /// @dev `root` passed its window unvetoed and is now the active root.
    event RootActivated(bytes32 indexed root);
    /// @dev `account`'s claimed total rose to `cumulativeAmount`; the amount paid is the token's Transfer
    /// value in the same transaction (left out here to save every claim 256 gas).
    event Claimed(address indexed account, uint256 cumulativeAmount);

    // ---------------------------------------------------------------- funding and roots

    /// @notice Pulls `amount` from the caller, then proposes a root, in one transaction (off-chain billing).
    function fundAndPropose(
        uint256 amount,
        bytes32 root,
        uint256 total,
        bytes32 dataHash,
        string calldata uri
    ) external;

    /// @notice Proposes `root` with its cumulative `total`, the hash and location of its published data.
    function propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) external;

    /// @notice Vetoes the pending root during its challenge window (auditors only).
    function veto(bytes32 root) external;

    /// @notice Makes the matured pending root the active one; anyone may call.
    function promote() external;

    // ---------------------------------------------------------------- roles

    /// @notice Sets the publisher (owner only).
    function setPublisher(address publisher) external;

    /// @notice Registers an auditor (owner only). The owner cannot remove auditors.
    function addAuditor(address auditor) external;

    /// @notice Removes the caller from the auditors.
    function resignAuditor() external;

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

    /// @notice The root claims verify against, its total, data hash, data location and activation time.
    function activeRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt);

    /// @notice The root waiting out its challenge window (zero if none) and when it becomes claimable.
    function pendingRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt);

    /// @notice Whether a claim against `root` would be accepted now.
    function isClaimable(bytes32 root) external view returns (bool);

    /// @notice Whether `root` was vetoed.
    function isVetoed(bytes32 root) external view returns (bool);

    /// @notice The challenge window, in seconds, fixed at deployment.
    function challengeWindow() external view returns (uint256);

    /// @notice Everything ever funded through `fund`.
    function totalFunded() external view returns (uint256);

    /// @notice The cumulative amount already paid to `account`.
    function claimed(address account) external view returns (uint256);

    /// @notice The publisher.
    function publisher() external view returns (address);

    /// @notice Whether `account` is a registered auditor.
    function isAuditor(address account) external view returns (bool);

    /// @notice All registered auditors.
    function auditors() external view returns (address[] memory);
}
