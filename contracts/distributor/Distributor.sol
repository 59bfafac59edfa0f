// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleProofLib} from "solady/src/utils/MerkleProofLib.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IDistributor} from "../interfaces/IDistributor.sol";
import {IFundable} from "../interfaces/IFundable.sol";
import {TryTransfer} from "../libraries/TryTransfer.sol";
import {AuditedRoots} from "../roots/AuditedRoots.sol";

/// @title Distributor
/// @notice Pays artists their cumulative entitlement in one token from Merkle roots that a publisher
/// proposes and auditors can veto during a fixed challenge window.
/// @dev Trust model. Solvency is not enforced per claim: writing a global claimed total would cost
/// every claim ~5,000 gas. Instead `Σ claimed ≤ Σ funded` rests on (1) each root's `total` being at
/// most `totalFunded` when proposed, (2) auditors checking during the window that a root's leaves sum
/// to its `total` and never decrease per account, and (3) payouts coming only from this contract's own
/// balance, so a wrong root that slipped through can never pay more than the contract holds.
/// Roots, roles and the challenge window are the shared `AuditedRoots` (also the GrowthPool's units roots); this
/// contract adds the funded bound on a root's total.
///
/// WARNING: Rebasing tokens are unsupported: a negative rebase leaves claims unpayable, a positive one
/// strands tokens. Fee-on-transfer tokens are refused at funding by a balance-difference check.
/// NOTE: A token that starts charging fees after funding makes claimants receive less than their leaf.
contract Distributor is IDistributor, AuditedRoots {
    // ---------------------------------------------------------------- constants and immutables

    /// @dev The one token funded and paid out.
    address public immutable TOKEN;

    // ---------------------------------------------------------------- storage

    /// @inheritdoc IDistributor
    uint256 public totalFunded;
    /// @inheritdoc IDistributor
    mapping(address account => uint256) public claimed;

    // ---------------------------------------------------------------- constructor

    constructor(
        address token_,
        address owner_,
        address publisher_,
        uint256 window,
        address[] memory auditors_
    ) Ownable(owner_) AuditedRoots(publisher_, window, auditors_) {
        if (token_ == address(0)) revert DistributorZeroAddress();
        TOKEN = token_;
    }

    // ---------------------------------------------------------------- external functions

    /// @inheritdoc IFundable
    function fund(uint256 amount) external nonReentrant {
        _fund(amount);
    }

    /// @inheritdoc IDistributor
    function fundAndPropose(
        uint256 amount,
        bytes32 root,
        uint256 total,
        bytes32 dataHash,
        string calldata uri
    ) external nonReentrant {
        _fund(amount);
        _propose(root, total, dataHash, uri);
    }

    /// @inheritdoc IDistributor
    /// @dev Reverts `DistributorNothingToClaim` when the leaf is already fully paid, so a user learns it.
    function claim(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external nonReadReentrant returns (uint256 amount) {
        // Only checks the guard (saving ~220 gas of setting and clearing it): `claimed` is written before
        // the transfer, the last operation, so a claim re-entered from the token finds nothing to pay,
        // and a claim entered from inside another guarded function is still refused.
        _verify(account, cumulativeAmount, proof);
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert DistributorNothingToClaim(account);
        amount = _pay(account, cumulativeAmount, already);
    }

    /// @inheritdoc IDistributor
    function claimWithRoot(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        bytes32 expectedRoot
    ) external nonReentrant returns (uint256 amount) {
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

    /// @notice Always reverts `DistributorRenounceDisabled`: without an owner no publisher or auditor could be set again.
    function renounceOwnership() public view override onlyOwner {
        revert DistributorRenounceDisabled();
    }

    /// @inheritdoc IFundable
    function token() external view returns (address) {
        return TOKEN;
    }

    /// @inheritdoc IDistributor
    function isClaimable(bytes32 root) external view returns (bool) {
        (bytes32 active, ) = _effectiveRoots();
        // The stored active root stays claimable until a matured pending root is actually promoted.
        return root != bytes32(0) && (root == active || root == _activeRoot);
    }

    // ---------------------------------------------------------------- internal functions

    /// @dev A root can never declare more than has been funded.
    function _checkTotal(uint256 total) internal view override {
        uint256 funded = totalFunded;
        if (total > funded) revert DistributorUnderfunded(total, funded);
    }

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
        if (!TryTransfer.tryTransfer(TOKEN, account, amount)) revert DistributorTransferFailed(TOKEN, account, amount);
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
}
