// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {LibClone} from "solady/src/utils/LibClone.sol";
import {IWaterfall} from "../interfaces/IWaterfall.sol";
import {Payout} from "../libraries/Payout.sol";
import {SplitClone} from "../libraries/SplitClone.sol";
import {WaterfallConfig} from "../libraries/WaterfallConfig.sol";

/// @title Waterfall
/// @notice Recoupment in tranches for ETH or one ERC-20: what arrives fills tranche 0 up to its cap, then
/// tranche 1, …, and the rest goes to the residual recipient (typically a band's Split). Paying in is a plain
/// transfer to the clone's address (ETH with a 2,300-gas stipend works: the clone STOPs without delegating).
/// Anyone releases a position's owed amount to that position's recipient:
/// owed = entitled(balance + Σ released) - released, clamped to [0, balance].
/// @dev Runs behind clones made by `WaterfallFactory`. The config is never stored: a caller passes it, and the
/// Waterfall accepts it only if CREATE2(FACTORY, hash(config), CLONE_INIT_CODE_HASH) is its own address.
/// Called directly, the implementation matches no config, so every mutating call reverts.
///
/// Accounting is per position (so a recipient named in two positions is paid for each), cumulative, and pull:
/// paying one position never depends on paying another, so a recipient that reverts, is blocklisted or burns
/// gas only keeps its own amount in the Waterfall, owed until it can take it. Entitlements add up to what was
/// received, so Σ owed == balance: no dust, nothing stranded.
///
/// Storage: `_head` packs the residual's released amount (high 160 bits) and tranche 0's (low 96 bits, never
/// above its cap), so the common one-tranche Waterfall reads and writes one slot per release; tranches 1..n-1
/// each have a slot in `_later`.
///
/// NOTE: fee-on-transfer tokens reduce what recipients receive: the Waterfall sends `amount`, the token takes
/// its fee from it, and the tranche counts `amount` as repaid. Rebasing balances are reflected (a positive
/// rebase is more revenue); after a negative rebase owed is clamped at 0 and at the balance, so the loss falls
/// on the positions that had not yet released. Tokens other than the waterfall's token (and ETH, for an ERC-20
/// Waterfall) are not waterfalled: `recover` passes them whole to the residual, so they are not stranded either.
/// ERC-777-style hooks are harmless: every mutating entry point is reentrancy-guarded and updates state first.
contract Waterfall is IWaterfall, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice Most tranches a Waterfall may have.
    uint256 public constant MAX_TRANCHES = WaterfallConfig.MAX_TRANCHES;

    /// @notice Gas forwarded with each ETH payment in `releaseAll`; `release` forwards all gas instead.
    uint256 public constant RELEASE_ALL_ETH_GAS = Payout.BATCH_ETH_GAS;

    /// @inheritdoc IWaterfall
    address public immutable FACTORY;

    /// @inheritdoc IWaterfall
    bytes32 public immutable CLONE_INIT_CODE_HASH;

    uint256 private constant _LOW_96 = (1 << 96) - 1;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev residualReleased << 96 | trancheReleased(0).
    uint256 private _head;

    /// @dev trancheReleased(i) for i >= 1.
    mapping(uint256 index => uint256) private _later;

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

    /// @inheritdoc IWaterfall
    function release(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt,
        uint256 index
    ) external nonReentrant returns (uint256 amount) {
        _checkConfig(token, tranches, residual, salt);
        uint256 n = tranches.length;
        if (index > n) revert WaterfallUnknownPosition(index, n);
        uint256 balance = Payout.balanceOf(token);
        uint256 before = _released(index, n);
        amount = _due(WaterfallConfig.entitled(tranches, index, balance + _totalReleased(n)), before, balance);
        if (amount == 0) return 0;
        // Cannot overflow: amount <= balance, and balance + Σ released was computed checked above.
        unchecked {
            _setReleased(index, n, before + amount);
        }
        address to = WaterfallConfig.recipient(tranches, residual, index);
        emit Released(index, to, amount);
        Payout.pay(token, to, amount);
    }

    /// @inheritdoc IWaterfall
    function releaseAll(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external nonReentrant returns (uint256 paid) {
        _checkConfig(token, tranches, residual, salt);
        uint256 n = tranches.length;
        uint256 balance = Payout.balanceOf(token);
        // Paying a position moves value from the balance to the released sum, so `received` stays fixed.
        uint256 received = balance + _totalReleased(n);
        for (uint256 i; i <= n; ++i) {
            uint256 before = _released(i, n);
            uint256 amount = _due(WaterfallConfig.entitled(tranches, i, received), before, balance - paid);
            if (amount == 0) continue;
            address to = WaterfallConfig.recipient(tranches, residual, i);
            // Effects first (so views are right during the call), undone below if the payment fails.
            // Cannot overflow: amount <= balance - paid.
            unchecked {
                _setReleased(i, n, before + amount);
            }
            if (Payout.tryPay(token, to, amount)) {
                emit Released(i, to, amount);
                // Cannot overflow: amount <= balance - paid, so paid stays <= balance.
                unchecked {
                    paid += amount;
                }
            } else {
                _setReleased(i, n, before);
                emit ReleaseFailed(i, to, amount);
            }
        }
    }

    /// @inheritdoc IWaterfall
    function recover(
        address other,
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external nonReentrant returns (uint256 amount) {
        _checkConfig(token, tranches, residual, salt);
        if (other == token) revert WaterfallTokenNotRecoverable(other);
        amount = Payout.balanceOf(other);
        if (amount == 0) return 0;
        emit Recovered(other, residual, amount);
        Payout.pay(other, residual, amount);
    }

    /// @inheritdoc IWaterfall
    function positions(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external view returns (uint256 received, uint256[] memory released, uint256[] memory owed) {
        _checkConfig(token, tranches, residual, salt);
        uint256 n = tranches.length;
        uint256 balance = Payout.balanceOf(token);
        received = balance + _totalReleased(n);
        released = new uint256[](n + 1);
        owed = new uint256[](n + 1);
        for (uint256 i; i <= n; ++i) {
            released[i] = _released(i, n);
            owed[i] = _due(WaterfallConfig.entitled(tranches, i, received), released[i], balance);
        }
    }

    /// @inheritdoc IWaterfall
    function trancheReleased(uint256 index) external view returns (uint256) {
        return index == 0 ? _head & _LOW_96 : _later[index];
    }

    /// @inheritdoc IWaterfall
    function residualReleased() external view returns (uint256) {
        return _head >> 96;
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Transient guard on every chain (the default uses storage off mainnet); targets support EIP-1153.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }

    /// @dev Reverts unless this config's hash is the CREATE2 salt of this very clone.
    function _checkConfig(address token, uint256[] calldata tranches, address residual, bytes32 salt) internal view {
        bytes32 configHash = WaterfallConfig.hash(token, tranches, residual, salt);
        address computed = LibClone.predictDeterministicAddress(CLONE_INIT_CODE_HASH, configHash, FACTORY);
        if (computed != address(this)) revert WaterfallConfigMismatch(computed);
    }

    /// @dev Σ released over the n + 1 positions.
    function _totalReleased(uint256 n) internal view returns (uint256 total) {
        uint256 head = _head;
        // Cannot overflow: the residual's part is below 2^160 and each tranche's below 2^96.
        unchecked {
            total = (head >> 96) + (head & _LOW_96);
            for (uint256 i = 1; i < n; ++i) total += _later[i];
        }
    }

    /// @dev Released so far to position `index` of a Waterfall with n tranches.
    function _released(uint256 index, uint256 n) internal view returns (uint256) {
        if (index == n) return _head >> 96;
        if (index == 0) return _head & _LOW_96;
        return _later[index];
    }

    /// @dev Sets position `index`'s released amount. A tranche's never exceeds its cap (< 2^96), since it is
    /// at most its entitlement; the residual's is checked against its 160 bits.
    function _setReleased(uint256 index, uint256 n, uint256 value) internal {
        if (index == n) {
            if (value >> 160 != 0) revert WaterfallAmountOverflow(value);
            _head = (value << 96) | (_head & _LOW_96);
        } else if (index == 0) {
            _head = (_head & ~_LOW_96) | value;
        } else {
            _later[index] = value;
        }
    }

    /// @dev entitled - alreadyReleased, clamped to [0, available].
    function _due(uint256 entitled, uint256 alreadyReleased, uint256 available) internal pure returns (uint256) {
        if (entitled <= alreadyReleased) return 0;
        // Cannot underflow: checked just above.
        unchecked {
            uint256 amount = entitled - alreadyReleased;
            return amount > available ? available : amount;
        }
    }
}
