// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {ISplit} from "../interfaces/ISplit.sol";
import {SplitTree} from "../libraries/SplitTree.sol";
import {SplitClone} from "../libraries/SplitClone.sol";
import {TryTransfer} from "../libraries/TryTransfer.sol";

/// @title Split
/// @notice Fixed shares, many payees, ETH and ERC-20. Paying in is a plain transfer to the clone's address
/// (ETH with a 2,300-gas stipend works: the clone STOPs without delegating). Anyone releases a payee's
/// owed amount to that payee: owed = floor(share * (balance + totalReleased) / totalShares) - released.
/// @dev Runs behind clones made by `SplitFactory`. The config is never stored: a caller proves it, and the
/// Split accepts it only if CREATE2(FACTORY, root, CLONE_INIT_CODE_HASH) is its own address. Called
/// directly, the implementation matches no root, so every mutating call reverts.
///
/// Solvency: totalReleased == Σ released (both grow by the same amount) and T = balance + totalReleased
/// only grows while the balance does not shrink by itself. A payee's released is set to floor(share * T' / S)
/// for some T' <= T, so Σ owed = Σ floor(share * T / S) - Σ released <= T - totalReleased = balance.
/// Dust: Σ floor(share * T / S) > T - n, so after everyone is released the balance is below the payee
/// count n; it is not stranded, since it counts in T and is paid out as more arrives.
///
/// NOTE: fee-on-transfer tokens reduce what payees receive: the Split sends `amount`, the token takes its
/// fee from it. Rebasing balances are reflected; after a negative rebase owed is clamped at 0 and at the
/// balance, so the loss falls on payees who had not yet released. ERC-777-style hooks are harmless:
/// every mutating entry point is reentrancy-guarded and updates state before paying.
contract Split is ISplit, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Gas forwarded with each ETH payment in `releaseAll`: enough for a Safe or a Split (which
    /// STOPs), bounded so a gas guzzler costs at most this much. `release` forwards all gas instead.
    uint256 public constant RELEASE_ALL_ETH_GAS = SafeTransferLib.GAS_STIPEND_NO_GRIEF;

    /// @inheritdoc ISplit
    address public immutable FACTORY;

    /// @inheritdoc ISplit
    bytes32 public immutable CLONE_INIT_CODE_HASH;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISplit
    mapping(address token => mapping(address payee => uint256)) public released;

    /// @inheritdoc ISplit
    mapping(address token => uint256) public totalReleased;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @dev Deployed by the factory in its constructor, so the deployer is the factory.
    constructor() {
        FACTORY = msg.sender;
        CLONE_INIT_CODE_HASH = keccak256(SplitClone.initCode(address(this)));
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISplit
    function release(
        address token,
        address payee,
        uint96 share,
        uint256 totalShares,
        bytes32 salt,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256 amount) {
        _checkRoot(SplitTree.processProof(proof, SplitTree.leaf(payee, share, totalShares, salt)));
        amount = _release(token, payee, share, totalShares);
    }

    /// @inheritdoc ISplit
    function releaseTokens(
        address[] calldata tokens,
        address payee,
        uint96 share,
        uint256 totalShares,
        bytes32 salt,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256[] memory amounts) {
        _checkRoot(SplitTree.processProof(proof, SplitTree.leaf(payee, share, totalShares, salt)));
        amounts = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            amounts[i] = _release(tokens[i], payee, share, totalShares);
        }
    }

    /// @inheritdoc ISplit
    /// @dev A payee whose payment fails (reverts, returns false, runs out of the ETH stipend) is skipped with
    /// `ReleaseFailed` and its state restored, so it stays owed and can `release` later. The list needs no
    /// order check: a matching root pins it to the created (sorted, duplicate-free) list, up to swapping
    /// siblings, which changes nothing.
    function releaseAll(
        address token,
        uint256[] calldata payees,
        bytes32 salt
    ) external nonReentrant returns (uint256 paid) {
        uint256 totalShares = SplitTree.sumShares(payees);
        _checkRoot(SplitTree.root(payees, totalShares, salt));
        uint256 balance = _balance(token);
        uint256 total = totalReleased[token];
        // Paying a payee moves value from the balance to totalReleased, so the base stays fixed.
        uint256 base = balance + total;
        for (uint256 i; i < payees.length; ++i) {
            address payee = address(uint160(payees[i]));
            uint256 before = released[token][payee];
            uint256 amount = _due(payees[i] >> 160, base, totalShares, before, balance - paid);
            if (amount == 0) continue;
            // Effects first (so views are right during the call), undone below if the payment fails.
            released[token][payee] = before + amount;
            totalReleased[token] = total + amount;
            if (_tryPay(token, payee, amount)) {
                emit Released(token, payee, amount);
                // Cannot overflow: amount <= balance - paid, so paid stays <= balance and total <= base.
                unchecked {
                    paid += amount;
                    total += amount;
                }
            } else {
                released[token][payee] = before;
                totalReleased[token] = total;
                emit ReleaseFailed(token, payee, amount);
            }
        }
    }

    /// @inheritdoc ISplit
    function owed(address token, address payee, uint256 share, uint256 totalShares) external view returns (uint256) {
        uint256 balance = _balance(token);
        return _due(share, balance + totalReleased[token], totalShares, released[token][payee], balance);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Transient guard on every chain (the default uses storage off mainnet); targets support EIP-1153.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }

    /// @dev Reverts unless `root` is the CREATE2 salt of this very clone.
    function _checkRoot(bytes32 root) internal view {
        address computed = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, root, FACTORY);
        if (computed != address(this)) revert SplitConfigMismatch(computed);
    }

    /// @dev Pays one verified payee, reverting if the payment fails (that only blocks this payee).
    function _release(
        address token,
        address payee,
        uint256 share,
        uint256 totalShares
    ) internal returns (uint256 amount) {
        uint256 balance = _balance(token);
        uint256 total = totalReleased[token];
        uint256 before = released[token][payee];
        amount = _due(share, balance + total, totalShares, before, balance);
        if (amount == 0) return 0;
        // Cannot overflow: amount <= balance, and balance + total was computed checked above.
        unchecked {
            released[token][payee] = before + amount;
            totalReleased[token] = total + amount;
        }
        emit Released(token, payee, amount);
        if (token == address(0)) SafeTransferLib.safeTransferETH(payee, amount);
        else SafeTransferLib.safeTransfer(token, payee, amount);
    }

    /// @dev floor(share * base / totalShares) - alreadyReleased, clamped to [0, available].
    function _due(
        uint256 share,
        uint256 base,
        uint256 totalShares,
        uint256 alreadyReleased,
        uint256 available
    ) internal pure returns (uint256 amount) {
        uint256 entitled = FixedPointMathLib.fullMulDiv(share, base, totalShares);
        if (entitled <= alreadyReleased) return 0;
        // Cannot underflow: checked just above.
        unchecked {
            amount = entitled - alreadyReleased;
        }
        if (amount > available) amount = available;
    }

    /// @dev This Split's balance of `token` (ETH for the zero address).
    function _balance(address token) internal view returns (uint256) {
        return token == address(0) ? address(this).balance : SafeTransferLib.balanceOf(token, address(this));
    }

    /// @dev Pays without reverting: ETH with a bounded stipend, ERC-20 through `TryTransfer`.
    function _tryPay(address token, address to, uint256 amount) internal returns (bool success) {
        if (token == address(0)) return SafeTransferLib.trySafeTransferETH(to, amount, RELEASE_ALL_ETH_GAS);
        return TryTransfer.tryTransfer(token, to, amount);
    }
}
