// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {IAuditedRoots} from "../interfaces/IAuditedRoots.sol";
import {Durations} from "../libraries/Durations.sol";

/// @title AuditedRoots
/// @notice The one audited-roots mechanism of Gapless (issue #11, L-02), used by the Distributor (payout roots) and the
/// GrowthPool (units roots): a publisher proposes cumulative roots, registered auditors can veto a pending root during
/// a challenge window fixed at deployment, and a root that outlives its window unvetoed becomes the active one.
/// @dev Trust model: the owner (the platform) sets the publisher and can add auditors but never remove them; only an
/// auditor can resign, so a platform cannot silence its auditors. A single auditor can veto every root it sees, for
/// good; the platform's way out is a new deployment. A contract adds its own bound on a proposal's total through
/// `_checkTotal` (the Distributor: never above what was funded).
abstract contract AuditedRoots is IAuditedRoots, Ownable2Step, ReentrancyGuardTransient {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @dev What is stored per proposed root; the Distributor's claim fast path never reads it.
    struct RootInfo {
        uint256 total;
        bytes32 dataHash;
        uint64 claimableAt;
        bool vetoed;
        string uri;
    }

    // ---------------------------------------------------------------- constants and immutables

    /// @dev Seconds a proposed root waits, vetoable, before it becomes active.
    uint256 public immutable CHALLENGE_WINDOW;

    // ---------------------------------------------------------------- storage

    /// @dev The root proofs are checked against (the Distributor's claims read only this slot in steady state).
    bytes32 internal _activeRoot;
    /// @dev The root waiting out its challenge window, zero if none.
    bytes32 internal _pendingRoot;
    mapping(bytes32 root => RootInfo) internal _roots;
    /// @inheritdoc IAuditedRoots
    address public publisher;
    EnumerableSet.AddressSet internal _auditors;

    // ---------------------------------------------------------------- constructor

    constructor(address publisher_, uint256 window, address[] memory auditors_) {
        if (!Durations.valid(window)) revert AuditedRootsInvalidWindow(window, Durations.MIN, Durations.MAX);
        CHALLENGE_WINDOW = window;
        publisher = publisher_;
        emit PublisherSet(address(0), publisher_);
        for (uint256 i; i < auditors_.length; ++i) {
            _addAuditor(auditors_[i]);
        }
    }

    // ---------------------------------------------------------------- external functions

    /// @inheritdoc IAuditedRoots
    /// @dev A matured pending root is promoted first; an unmatured one is replaced and its window restarts. The total
    /// may not fall below the active root's: a replaced or vetoed root never counted.
    function propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) external nonReentrant {
        _propose(root, total, dataHash, uri);
    }

    /// @inheritdoc IAuditedRoots
    function veto(bytes32 root) external nonReentrant {
        if (!_auditors.contains(msg.sender)) revert AuditedRootsNotAuditor(msg.sender);
        if (root == bytes32(0) || root != _pendingRoot || block.timestamp >= _roots[root].claimableAt) {
            revert AuditedRootsNotVetoable(root);
        }
        _roots[root].vetoed = true;
        delete _pendingRoot;
        emit RootVetoed(root, msg.sender);
    }

    /// @inheritdoc IAuditedRoots
    function promote() external nonReentrant {
        if (!_promoteIfMatured()) {
            bytes32 pending = _pendingRoot;
            revert AuditedRootsNothingToPromote(pending, _roots[pending].claimableAt);
        }
    }

    /// @inheritdoc IAuditedRoots
    function setPublisher(address publisher_) external onlyOwner nonReentrant {
        emit PublisherSet(publisher, publisher_);
        publisher = publisher_;
    }

    /// @inheritdoc IAuditedRoots
    function addAuditor(address auditor) external onlyOwner nonReentrant {
        _addAuditor(auditor);
    }

    /// @inheritdoc IAuditedRoots
    function resignAuditor() external nonReentrant {
        if (!_auditors.remove(msg.sender)) revert AuditedRootsNotAuditor(msg.sender);
        emit AuditorResigned(msg.sender);
    }

    /// @inheritdoc IAuditedRoots
    function challengeWindow() external view returns (uint256) {
        return CHALLENGE_WINDOW;
    }

    /// @inheritdoc IAuditedRoots
    function activeRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt)
    {
        (root, ) = _effectiveRoots();
        (total, dataHash, uri, claimableAt) = _info(root);
    }

    /// @inheritdoc IAuditedRoots
    function pendingRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt)
    {
        (, root) = _effectiveRoots();
        (total, dataHash, uri, claimableAt) = _info(root);
    }

    /// @inheritdoc IAuditedRoots
    function isVetoed(bytes32 root) external view returns (bool) {
        return _roots[root].vetoed;
    }

    /// @inheritdoc IAuditedRoots
    function isAuditor(address account) external view returns (bool) {
        return _auditors.contains(account);
    }

    /// @inheritdoc IAuditedRoots
    function auditors() external view returns (address[] memory) {
        return _auditors.values();
    }

    // ---------------------------------------------------------------- internal functions

    function _propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) internal {
        if (msg.sender != publisher) revert AuditedRootsNotPublisher(msg.sender);
        if (root == bytes32(0)) revert AuditedRootsZeroRoot();
        _promoteIfMatured();
        bytes32 active = _activeRoot;
        if (root == active || _roots[root].vetoed) revert AuditedRootsNotProposable(root);
        _checkTotal(total);
        uint256 previous = _roots[active].total;
        if (total < previous) revert AuditedRootsTotalDecreased(total, previous);
        // After the promotion above, whatever is still pending has not matured: it is replaced.
        bytes32 replaced = _pendingRoot;
        // The window is at most ten years (`Durations`), so the sum fits 64 bits for billions of years.
        uint256 claimableAt = block.timestamp + CHALLENGE_WINDOW;
        _roots[root] = RootInfo(total, dataHash, uint64(claimableAt), false, uri);
        _pendingRoot = root;
        if (replaced != bytes32(0)) emit RootReplaced(replaced, root);
        emit RootProposed(root, total, dataHash, uri, claimableAt);
    }

    /// @dev The contract's own bound on a proposed total (reverts to refuse it); none by default.
    function _checkTotal(uint256 total) internal view virtual {}

    /// @dev Promotes the pending root if its window has passed; vetoed roots are no longer pending.
    function _promoteIfMatured() internal returns (bool promoted) {
        bytes32 pending = _pendingRoot;
        if (pending == bytes32(0) || block.timestamp < _roots[pending].claimableAt) return false;
        _activeRoot = pending;
        delete _pendingRoot;
        emit RootActivated(pending);
        return true;
    }

    /// @dev The root proofs are checked against now, and the root still inside its window (zero if none).
    function _effectiveRoots() internal view returns (bytes32 active, bytes32 pending) {
        active = _activeRoot;
        pending = _pendingRoot;
        if (pending != bytes32(0) && block.timestamp >= _roots[pending].claimableAt) (active, pending) = (pending, 0);
    }

    function _info(
        bytes32 root
    ) internal view returns (uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt) {
        if (root == bytes32(0)) return (0, bytes32(0), "", 0);
        RootInfo storage info = _roots[root];
        return (info.total, info.dataHash, info.uri, info.claimableAt);
    }

    function _addAuditor(address auditor) internal {
        if (auditor == address(0)) revert AuditedRootsZeroAddress();
        if (!_auditors.add(auditor)) revert AuditedRootsAlreadyAuditor(auditor);
        emit AuditorAdded(auditor);
    }

    /// @dev Always transient: every target chain (Ethereum, Base, Optimism, Arbitrum) has EIP-1153, and the storage
    /// fallback would cost each call thousands of gas.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
