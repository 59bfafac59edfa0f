// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Audited cumulative Merkle roots: a publisher proposes a root with its cumulative total and the hash and
/// location of its published data; registered auditors can veto it during a challenge window fixed at deployment; a
/// root that outlives its window unvetoed becomes the active one. The Distributor's payout roots and the GrowthPool's
/// units roots are both this mechanism (`AuditedRoots`), with one set of rules, events and errors.
/// @dev Rules: a vetoed root can never be proposed again; a root's total never falls below the active root's; an
/// unmatured pending root is replaced by a newer proposal (its window restarts); the owner sets the publisher and adds
/// auditors but never removes them, only an auditor can resign.
interface IAuditedRoots {
    // ---------------------------------------------------------------- errors

    /// @dev An auditor given at deployment or to `addAuditor` is the zero address.
    error AuditedRootsZeroAddress();
    /// @dev The challenge window given at deployment is outside [min, max] (an hour to ten years): too short leaves
    /// auditors no time, too long would make `now + window` look like forever.
    error AuditedRootsInvalidWindow(uint256 window, uint256 min, uint256 max);
    /// @dev The caller is not the publisher.
    error AuditedRootsNotPublisher(address caller);
    /// @dev The caller is not a registered auditor.
    error AuditedRootsNotAuditor(address caller);
    /// @dev The auditor is already registered.
    error AuditedRootsAlreadyAuditor(address auditor);
    /// @dev A zero root was proposed.
    error AuditedRootsZeroRoot();
    /// @dev The proposed root is the active root, or was vetoed before (a vetoed root is refused for good).
    error AuditedRootsNotProposable(bytes32 root);
    /// @dev The proposed cumulative total is below the active root's total.
    error AuditedRootsTotalDecreased(uint256 total, uint256 previous);
    /// @dev `root` is not the pending root, or its challenge window has passed.
    error AuditedRootsNotVetoable(bytes32 root);
    /// @dev There is no pending root, or its challenge window has not passed yet.
    error AuditedRootsNothingToPromote(bytes32 pending, uint256 claimableAt);

    // ---------------------------------------------------------------- events

    /// @dev The owner made `publisher` the publisher in place of `previous` (at deployment `previous` is zero).
    event PublisherSet(address indexed previous, address indexed publisher);
    /// @dev `auditor` was registered (by the owner, or at deployment).
    event AuditorAdded(address indexed auditor);
    /// @dev `auditor` removed itself.
    event AuditorResigned(address indexed auditor);
    /// @dev `root` was proposed with its cumulative `total`; it becomes active at `claimableAt` unless vetoed.
    event RootProposed(bytes32 indexed root, uint256 total, bytes32 dataHash, string uri, uint256 claimableAt);
    /// @dev The unmatured pending root `replaced` was replaced by `root` before its window passed.
    event RootReplaced(bytes32 indexed replaced, bytes32 indexed root);
    /// @dev `auditor` vetoed the pending `root`; it can never be proposed again.
    event RootVetoed(bytes32 indexed root, address indexed auditor);
    /// @dev `root` passed its window unvetoed and is now the active root.
    event RootActivated(bytes32 indexed root);

    // ---------------------------------------------------------------- roots

    /// @notice Proposes `root` with its cumulative `total`, the hash and location of its published data (publisher only).
    function propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) external;

    /// @notice Vetoes the pending root during its challenge window (auditors only).
    function veto(bytes32 root) external;

    /// @notice Makes the matured pending root the active one; anyone may call.
    function promote() external;

    // ---------------------------------------------------------------- roles

    /// @notice Sets the publisher (owner only); the zero address stops all proposals until one is set again.
    function setPublisher(address publisher) external;

    /// @notice Registers an auditor (owner only). The owner cannot remove auditors.
    function addAuditor(address auditor) external;

    /// @notice Removes the caller from the auditors.
    function resignAuditor() external;

    // ---------------------------------------------------------------- views

    /// @notice The active root, its total, data hash, data location and activation time (a matured pending root
    /// counts as active, as the next use would promote it).
    function activeRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt);

    /// @notice The root waiting out its challenge window (zero if none) and when it becomes active.
    function pendingRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt);

    /// @notice Whether `root` was vetoed (it can never be proposed again).
    function isVetoed(bytes32 root) external view returns (bool);

    /// @notice The challenge window, in seconds, fixed at deployment.
    function challengeWindow() external view returns (uint256);

    /// @notice The publisher.
    function publisher() external view returns (address);

    /// @notice Whether `account` is a registered auditor.
    function isAuditor(address account) external view returns (bool);

    /// @notice All registered auditors.
    function auditors() external view returns (address[] memory);
}
