// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {MerkleProofLib} from "solady/src/utils/MerkleProofLib.sol";
import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IDistributor} from "../interfaces/IDistributor.sol";
import {IFundable} from "../interfaces/IFundable.sol";

/// @title Distributor
/// @notice Pays artists their cumulative entitlement in one token from Merkle roots that a publisher
/// proposes and auditors can veto during a fixed challenge window.
/// @dev Trust model. Solvency is not enforced per claim: writing a global claimed total would cost
/// every claim ~5,000 gas. Instead `Σ claimed ≤ Σ funded` rests on (1) each root's `total` being at
/// most `totalFunded` when proposed, (2) auditors checking during the window that a root's leaves sum
/// to its `total` and never decrease per account, and (3) payouts coming only from this contract's own
/// balance, so a wrong root that slipped through can never pay more than the contract holds.
/// The owner (the platform) can add auditors but never remove them; only an auditor can resign.
///
/// WARNING: Rebasing tokens are unsupported: a negative rebase leaves claims unpayable, a positive one
/// strands tokens. Fee-on-transfer tokens are refused at funding by a balance-difference check.
/// NOTE: A token that starts charging fees after funding makes claimants receive less than their leaf.
contract Distributor is IDistributor, Ownable2Step, ReentrancyGuardTransient {
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

    /// @dev The one token funded and paid out.
    address public immutable TOKEN;
    /// @dev Seconds a proposed root waits, vetoable, before it becomes claimable.
    uint256 public immutable CHALLENGE_WINDOW;

    // ---------------------------------------------------------------- storage

    /// @dev The only slot a claim reads for its root (the fast path).
    bytes32 internal _activeRoot;
    /// @dev The root waiting out its challenge window, zero if none.
    bytes32 internal _pendingRoot;
    mapping(bytes32 root => RootInfo) internal _roots;
    /// @inheritdoc IDistributor
    mapping(address account => uint256) public claimed;
    /// @inheritdoc IDistributor
    uint256 public totalFunded;
    /// @inheritdoc IDistributor
    address public publisher;
    EnumerableSet.AddressSet internal _auditors;

    // ---------------------------------------------------------------- constructor

    constructor(address token_, address owner_, address publisher_, uint256 window, address[] memory auditors_)
        Ownable(owner_)
    {
        if (token_ == address(0)) revert DistributorZeroAddress();
        if (window == 0) revert DistributorZeroWindow();
        TOKEN = token_;
        CHALLENGE_WINDOW = window;
        publisher = publisher_;
        emit PublisherSet(address(0), publisher_);
        for (uint256 i; i < auditors_.length; ++i) {
            _addAuditor(auditors_[i]);
        }
    }

    // ---------------------------------------------------------------- external functions: funding and roots

    /// @inheritdoc IFundable
    function fund(uint256 amount) external nonReentrant {
        _fund(amount);
    }

    /// @inheritdoc IDistributor
    function fundAndPropose(uint256 amount, bytes32 root, uint256 total, bytes32 dataHash, string calldata uri)
        external
        nonReentrant
    {
        _fund(amount);
        _propose(root, total, dataHash, uri);
    }

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

    // ---------------------------------------------------------------- external functions: roles

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

    // ---------------------------------------------------------------- external functions: claims

    /// @inheritdoc IDistributor
    /// @dev Reverts `DistributorNothingToClaim` when the leaf is already fully paid, so a user learns it.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReadReentrant
        returns (uint256 amount)
    {
        _verify(account, cumulativeAmount, proof);
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert DistributorNothingToClaim(account);
        amount = _pay(account, cumulativeAmount, already);
    }

    /// @inheritdoc IDistributor
    function claimWithRoot(address account, uint256 cumulativeAmount, bytes32[] calldata proof, bytes32 expectedRoot)
        external
        nonReentrant
        returns (uint256 amount)
    {
        _promoteIfMatured();
        bytes32 active = _activeRoot;
        if (active != expectedRoot) revert DistributorRootMismatch(expectedRoot, active);
        if (!MerkleProofLib.verifyCalldata(proof, active, _leaf(account, cumulativeAmount))) {
            revert DistributorInvalidProof(account, cumulativeAmount);
        }
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert DistributorNothingToClaim(account);
        amount = _pay(account, cumulativeAmount, already);
    }

    /// @inheritdoc IDistributor
    /// @dev An invalid proof reverts the batch; a fully paid entry is skipped so that a relayer's batch
    /// survives an artist claiming in the meantime. A claimant whose transfer reverts (blocklisted)
    /// reverts the batch: the relayer drops it and resubmits.
    function claimMany(Claim[] calldata claims) external nonReentrant returns (uint256 paid) {
        for (uint256 i; i < claims.length; ++i) {
            Claim calldata c = claims[i];
            _verify(c.account, c.cumulativeAmount, c.proof);
            uint256 already = claimed[c.account];
            if (c.cumulativeAmount <= already) continue;
            paid += _pay(c.account, c.cumulativeAmount, already);
        }
    }

    // ---------------------------------------------------------------- external functions: views

    /// @inheritdoc IFundable
    function token() external view returns (address) {
        return TOKEN;
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
        (root,) = _effectiveRoots();
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
        (bytes32 active,) = _effectiveRoots();
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

    /// @dev Pulls `amount` and refuses any token that does not move exactly `amount` in.
    function _fund(uint256 amount) internal {
        if (amount == 0) revert DistributorZeroAmount();
        uint256 before = SafeTransferLib.balanceOf(TOKEN, address(this));
        SafeTransferLib.safeTransferFrom(TOKEN, msg.sender, address(this), amount);
        uint256 received = SafeTransferLib.balanceOf(TOKEN, address(this));
        received = received > before ? received - before : 0;
        if (received != amount) revert DistributorUnsupportedToken(amount, received);
        uint256 funded = totalFunded + amount;
        totalFunded = funded;
        emit Funded(msg.sender, amount, funded);
    }

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

    /// @dev Fast path: one SLOAD for the active root. Only if that fails is a matured pending root
    /// promoted and tried, so claims in steady state never touch the pending root's slots.
    function _verify(address account, uint256 cumulativeAmount, bytes32[] calldata proof) internal {
        bytes32 leaf = _leaf(account, cumulativeAmount);
        if (MerkleProofLib.verifyCalldata(proof, _activeRoot, leaf)) return;
        if (_promoteIfMatured() && MerkleProofLib.verifyCalldata(proof, _activeRoot, leaf)) return;
        revert DistributorInvalidProof(account, cumulativeAmount);
    }

    /// @dev Books and pays `cumulativeAmount - already`; the caller checked `cumulativeAmount > already`.
    function _pay(address account, uint256 cumulativeAmount, uint256 already) internal returns (uint256 amount) {
        claimed[account] = cumulativeAmount;
        // Cannot underflow: every caller checks `cumulativeAmount > already` first.
        unchecked {
            amount = cumulativeAmount - already;
        }
        emit Claimed(account, cumulativeAmount);
        SafeTransferLib.safeTransfer(TOKEN, account, amount);
    }

    /// @dev The StandardMerkleTree leaf: `keccak256(bytes.concat(keccak256(abi.encode(account, amount))))`.
    function _leaf(address account, uint256 cumulativeAmount) internal pure returns (bytes32 leaf) {
        /// @solidity memory-safe-assembly
        assembly {
            // Scratch space (0x00-0x3f) holds the 64-byte abi.encode; `account` is already clean.
            mstore(0x00, account)
            mstore(0x20, cumulativeAmount)
            mstore(0x00, keccak256(0x00, 0x40))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev The root claims accept now, and the root still inside its window (zero if none).
    function _effectiveRoots() internal view returns (bytes32 active, bytes32 pending) {
        active = _activeRoot;
        pending = _pendingRoot;
        if (pending != bytes32(0) && block.timestamp >= _roots[pending].claimableAt) (active, pending) = (pending, 0);
    }

    function _info(bytes32 root)
        internal
        view
        returns (uint256 total, bytes32 dataHash, string memory uri, uint256 claimableAt)
    {
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
