// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {GrowthTerms} from "./GrowthTerms.sol";

/// @notice Units earned off-chain (free-tier and fiat audiences) reach the GrowthPool as a cumulative Merkle root of
/// `(account, cumulativeUnits)` leaves, audited like the Distributor's roots: the owner (the platform's engine)
/// proposes, registered auditors can veto during a challenge window fixed at deployment, and only then does the
/// root count.
/// @dev The Distributor's rules (issue #11, L-02): a vetoed root is refused for good, the window is bounded at
/// deployment (an hour to ten years), auditors are added by the owner and never removed by it (only an auditor can
/// resign), and replacements and activations are events. The proposer is the owner (the Distributor has a separate
/// publisher role) and the auditors are a mapping (the Distributor keeps an enumerable list).
abstract contract GrowthUnitsRoots is GrowthTerms {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Seconds a proposed units root waits, vetoable, before it counts.
    uint256 public immutable CHALLENGE_WINDOW;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The root `creditUnits` proves against, unless a pending one has matured since.
    bytes32 internal _activeRoot;
    /// @dev The root waiting out its window (zero if none) and when it matures.
    bytes32 internal _pendingRoot;
    uint256 internal _pendingActiveAt;

    /// @notice Whether `account` is a registered auditor.
    mapping(address account => bool) public isAuditor;

    mapping(bytes32 root => bool) internal _vetoed;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor(uint256 window, address[] memory auditors_) {
        _checkDuration(window);
        CHALLENGE_WINDOW = window;
        for (uint256 i; i < auditors_.length; ++i) {
            _addAuditor(auditors_[i]);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrowthPool
    /// @dev A matured pending root is promoted first; an unmatured one is replaced and the window restarts.
    function proposeUnitsRoot(bytes32 root, bytes32 dataHash, string calldata uri) external onlyOwner {
        if (root == bytes32(0)) revert GrowthZeroRoot();
        _promoteIfMatured();
        if (root == _activeRoot || _vetoed[root]) revert GrowthRootNotProposable(root);
        bytes32 replaced = _pendingRoot;
        uint256 activeAt = block.timestamp + CHALLENGE_WINDOW;
        (_pendingRoot, _pendingActiveAt) = (root, activeAt);
        if (replaced != bytes32(0)) emit UnitsRootReplaced(replaced, root);
        emit UnitsRootProposed(root, dataHash, uri, activeAt);
    }

    /// @inheritdoc IGrowthPool
    function vetoUnitsRoot(bytes32 root) external {
        if (!isAuditor[msg.sender]) revert GrowthNotAuditor(msg.sender);
        if (root == bytes32(0) || root != _pendingRoot || block.timestamp >= _pendingActiveAt) {
            revert GrowthNotVetoable(root);
        }
        _vetoed[root] = true;
        delete _pendingRoot;
        emit UnitsRootVetoed(root, msg.sender);
    }

    /// @inheritdoc IGrowthPool
    function resignAuditor() external {
        if (!isAuditor[msg.sender]) revert GrowthNotAuditor(msg.sender);
        isAuditor[msg.sender] = false;
        emit AuditorResigned(msg.sender);
    }

    /// @inheritdoc IGrowthPool
    function isUnitsRootVetoed(bytes32 root) external view returns (bool) {
        return _vetoed[root];
    }

    /// @inheritdoc IGrowthPool
    function addAuditor(address auditor) external onlyOwner {
        _addAuditor(auditor);
    }

    /// @notice The units root that counts now, and the one still inside its window (zero if none).
    function unitsRoots() external view returns (bytes32 active, bytes32 pending, uint256 pendingActiveAt) {
        (active, pending) = _effectiveRoots();
        pendingActiveAt = pending == bytes32(0) ? 0 : _pendingActiveAt;
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev The active root, promoting a matured pending root first.
    function _useActiveRoot() internal returns (bytes32) {
        _promoteIfMatured();
        return _activeRoot;
    }

    function _promoteIfMatured() internal {
        bytes32 pending = _pendingRoot;
        if (pending != bytes32(0) && block.timestamp >= _pendingActiveAt) {
            _activeRoot = pending;
            delete _pendingRoot;
            emit UnitsRootActivated(pending);
        }
    }

    function _effectiveRoots() internal view returns (bytes32 active, bytes32 pending) {
        (active, pending) = (_activeRoot, _pendingRoot);
        if (pending != bytes32(0) && block.timestamp >= _pendingActiveAt) (active, pending) = (pending, bytes32(0));
    }

    function _addAuditor(address auditor) private {
        if (auditor == address(0)) revert GrowthZeroAddress();
        if (isAuditor[auditor]) revert GrowthAlreadyAuditor(auditor);
        isAuditor[auditor] = true;
        emit AuditorAdded(auditor);
    }
}
