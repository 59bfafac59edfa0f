// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {IDistributor} from "../interfaces/IDistributor.sol";
import {Durations} from "../libraries/Durations.sol";

/// @title DistributorRoots
/// @notice The Distributor's root lifecycle and roles: a publisher proposes cumulative roots, registered
/// auditors can veto a pending root during a challenge window fixed at deployment, and a root that
/// outlives its window unvetoed becomes the active one.
/// @dev Trust model: the owner (the platform) sets the publisher and can add auditors but never remove
/// them; only an auditor can resign, so a platform cannot silence its auditors.
abstract contract DistributorRoots is IDistributor, Ownable2Step, ReentrancyGuardTransient {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @dev What is stored per proposed root; the claim fast path never reads it.
    struct RootInfo {
        uint256 total;
        bytes32 dataHash;
        uint64 claimableAt;
        bool vetoed;
        string uri;
    }

    // ---------------------------------------------------------------- constants and immutables

    /// @dev Seconds a proposed root waits, vetoable, before it becomes claimable.
    uint256 public immutable CHALLENGE_WINDOW;

    // ---------------------------------------------------------------- storage

    /// @dev The only slot a claim reads for its root (the fast path).
    bytes32 internal _activeRoot;
    /// @dev The root waiting out its challenge window, zero if none.
    bytes32 internal _pendingRoot;
    mapping(bytes32 root => RootInfo) internal _roots;
    /// @inheritdoc IDistributor
    uint256 public totalFunded;
    /// @inheritdoc IDistributor
    address public publisher;
    EnumerableSet.AddressSet internal _auditors;

    // ---------------------------------------------------------------- constructor

    constructor(address publisher_, uint256 window, address[] memory auditors_) {
        if (!Durations.valid(window)) revert DistributorInvalidWindow(window, Durations.MIN, Durations.MAX);
        CHALLENGE_WINDOW = window;
        publisher = publisher_;
        emit PublisherSet(address(0), publisher_);
        for (uint256 i; i < auditors_.length; ++i) {
            _addAuditor(auditors_[i]);
        }
    }

    // ---------------------------------------------------------------- external functions

    /// @inheritdoc IDistributor
    /// @dev A matured pending root is promoted first; an unmatured one is replaced and its window
    /// restarts. The total may not fall below the active root's: a replaced or vetoed root never paid.
    function propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) external nonReentrant {
        _propose(root, total, dataHash, uri);
    }

    /// @inheritdoc IDistributor
    function veto(bytes32 root) external nonReentrant {
        if (!_auditors.contains(msg.sender)) revert DistributorNotAuditor(msg.sender);
        if (root == bytes32(0) || root != _pendingRoot || block.timestamp >= _roots[root].claimableAt) {
            revert DistributorNotVetoable(root);
        }
        _roots[root].vetoed = true;
        delete _pendingRoot;
        emit RootVetoed(root, msg.sender);
    }

    /// @inheritdoc IDistributor
    function promote() external nonReentrant {
        if (!_promoteIfMatured()) {
            bytes32 pending = _pendingRoot;
            revert DistributorNothingToPromote(pending, _roots[pending].claimableAt);
        }
    }

    /// @inheritdoc IDistributor
    /// @dev The zero address is allowed: it stops all proposals until a publisher is set again.
    function setPublisher(address publisher_) external onlyOwner nonReentrant {
        emit PublisherSet(publisher, publisher_);
        publisher = publisher_;
    }

    /// @inheritdoc IDistributor
    function addAuditor(address auditor) external onlyOwner nonReentrant {
        _addAuditor(auditor);
    }

    /// @inheritdoc IDistributor
    function resignAuditor() external nonReentrant {
        if (!_auditors.remove(msg.sender)) revert DistributorNotAuditor(msg.sender);
        emit AuditorResigned(msg.sender);
    }

    /// @notice Always reverts `DistributorRenounceDisabled`: without an owner no publisher or auditor could be set again.
    function renounceOwnership() public view override onlyOwner {
        revert DistributorRenounceDisabled();
    }

    /// @inheritdoc IDistributor
    function challengeWindow() external view returns (uint256) {
        return CHALLENGE_WINDOW;
    }

    /// @inheritdoc IDistributor
    /// @dev Counts a matured pending root as active, as the next claim or proposal would.
    function activeRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt)
    {
        (root, ) = _effectiveRoots();
        (total, dataHash, uri, claimableAt) = _info(root);
    }

    /// @inheritdoc IDistributor
    function pendingRoot()
        external
        view
        returns (bytes32 root, uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt)
    {
        (, root) = _effectiveRoots();
        (total, dataHash, uri, claimableAt) = _info(root);
    }

    /// @inheritdoc IDistributor
    function isClaimable(bytes32 root) external view returns (bool) {
        (bytes32 active, ) = _effectiveRoots();
        // The stored active root stays claimable until a matured pending root is actually promoted.
        return root != bytes32(0) && (root == active || root == _activeRoot);
    }

    /// @inheritdoc IDistributor
    function isVetoed(bytes32 root) external view returns (bool) {
        return _roots[root].vetoed;
    }

    /// @inheritdoc IDistributor
    function isAuditor(address account) external view returns (bool) {
        return _auditors.contains(account);
    }

    /// @inheritdoc IDistributor
    function auditors() external view returns (address[] memory) {
        return _auditors.values();
    }

    // ---------------------------------------------------------------- internal functions

    function _propose(bytes32 root, uint256 total, bytes32 dataHash, string calldata uri) internal {
        if (msg.sender != publisher) revert DistributorNotPublisher(msg.sender);
        if (root == bytes32(0)) revert DistributorZeroRoot();
        _promoteIfMatured();
        bytes32 active = _activeRoot;
        if (root == active || _roots[root].vetoed) revert DistributorRootNotProposable(root);
        uint256 funded = totalFunded;
        if (total > funded) revert DistributorUnderfunded(total, funded);
        uint256 previous = _roots[active].total;
        if (total < previous) revert DistributorTotalDecreased(total, previous);
        // After the promotion above, whatever is still pending has not matured: it is replaced.
        bytes32 replaced = _pendingRoot;
        uint256 claimableAt = block.timestamp + CHALLENGE_WINDOW;
        _roots[root] = RootInfo(total, dataHash, uint64(claimableAt), false, uri);
        _pendingRoot = root;
        if (replaced != bytes32(0)) emit RootReplaced(replaced, root);
        emit RootProposed(root, total, dataHash, uri, claimableAt);
    }

    /// @dev Promotes the pending root if its window has passed; vetoed roots are no longer pending.
    function _promoteIfMatured() internal returns (bool promoted) {
        bytes32 pending = _pendingRoot;
        if (pending == bytes32(0) || block.timestamp < _roots[pending].claimableAt) return false;
        _activeRoot = pending;
        delete _pendingRoot;
        emit RootActivated(pending);
        return true;
    }

    /// @dev The root claims accept now, and the root still inside its window (zero if none).
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
        if (auditor == address(0)) revert DistributorZeroAddress();
        if (!_auditors.add(auditor)) revert DistributorAlreadyAuditor(auditor);
        emit AuditorAdded(auditor);
    }

    /// @dev Always transient: every target chain (Ethereum, Base, Optimism, Arbitrum) has EIP-1153, and
    /// the storage fallback would cost each claim thousands of gas.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
