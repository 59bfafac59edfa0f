// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProofLib} from "solady/src/utils/MerkleProofLib.sol";
import {ReentrancyGuardTransient} from "solady/src/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {TryTransfer} from "../libraries/TryTransfer.sol";
import {GrowthMath} from "./GrowthMath.sol";
import {CheckSlot, GrowthSlots, HolderSlot, TokenSlot} from "./GrowthSlots.sol";
import {GrowthTerms} from "./GrowthTerms.sol";
import {GrowthUnitsRoots} from "./GrowthUnitsRoots.sol";

/// @notice One platform's growth pool. Deposits (allowed ERC-20s and ETH) are shared among unit holders pro rata by
/// their units at deposit time, in O(1): each deposit raises its token's reward-per-unit index, and each holder's
/// earnings are settled against its checkpoint when its units change or it claims.
/// @dev Units are credited from the hub's `unitsOf` (`sync`) and from audited publication roots (`creditUnits`);
/// they count from the moment they are credited here. Every unit change settles the holder in every listed token,
/// so the allow-list is capped at MAX_TOKENS. Rounding (see GrowthMath): what a deposit cannot give every unit exactly
/// is carried into the next deposit of the token, and a holder is paid the floor of its exact entitlement, so at most
/// one base unit below it; nothing is lost in between.
/// NOTE: fee-on-transfer tokens are refused: every deposit checks what arrived (`GrowthUnsupportedToken`).
/// WARNING: rebasing tokens are unsupported: booked amounts do not follow a rebase. Allow only plain ERC-20s.
contract GrowthPool is GrowthUnitsRoots, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice The hub whose `unitsOf` this pool syncs (zero for a pool fed by publications only).
    address public immutable HUB;

    /// @notice Most tokens the allow-list can ever hold (ETH included): bounds what a unit change settles.
    uint256 public constant MAX_TOKENS = 8;

    /// @dev ETH's entry in the token maps.
    address internal constant _ETH = address(0);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Units credited to all holders together; every deposit is shared over this.
    uint256 public totalUnits;

    /// @dev Every token ever allowed, in order; removed tokens stay so their earnings keep settling.
    address[] internal _tokenList;

    mapping(address token => TokenSlot) internal _tokens;
    mapping(address holder => HolderSlot) internal _holders;
    mapping(address token => mapping(address holder => CheckSlot)) internal _checks;
    /// @dev Earnings booked at a unit change and not yet claimed.
    mapping(address token => mapping(address holder => uint256)) internal _owed;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param allowedTokens ERC-20s allowed from the start (ETH always is).
    /// @param bases,bps Commitments in effect from deployment, e.g. ("ad-revenue", 2000).
    constructor(
        address hub,
        address owner_,
        uint256 noticePeriod,
        uint256 challengeWindow,
        address[] memory auditors_,
        address[] memory allowedTokens,
        bytes32[] memory bases,
        uint16[] memory bps
    ) GrowthTerms(owner_, noticePeriod, bases, bps) GrowthUnitsRoots(challengeWindow, auditors_) {
        HUB = hub;
        _setTokenAllowed(_ETH, true);
        for (uint256 i; i < allowedTokens.length; ++i) {
            if (allowedTokens[i] == _ETH) revert GrowthZeroAddress();
            _setTokenAllowed(allowedTokens[i], true);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrowthPool
    /// @dev Pulls before booking: the share depends on what actually arrived; the guard covers the external calls.
    function deposit(address token, uint256 amount, uint256 commitmentId, bytes32 ref) external nonReentrant {
        if (token == _ETH) revert GrowthUseDepositETH();
        TokenSlot t = _checkDeposit(token, amount, commitmentId);
        uint256 balanceBefore = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        uint256 balanceAfter = SafeTransferLib.balanceOf(token, address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received < amount) revert GrowthUnsupportedToken(amount, received);
        _distribute(token, t, amount, commitmentId, ref);
    }

    /// @inheritdoc IGrowthPool
    function depositETH(uint256 commitmentId, bytes32 ref) external payable nonReentrant {
        TokenSlot t = _checkDeposit(_ETH, msg.value, commitmentId);
        _distribute(_ETH, t, msg.value, commitmentId, ref);
    }

    /// @inheritdoc IGrowthPool
    function sync(address holder) external nonReentrant returns (uint256 added) {
        return _sync(holder);
    }

    /// @inheritdoc IGrowthPool
    function syncMany(address[] calldata holders) external nonReentrant {
        for (uint256 i; i < holders.length; ++i) {
            _sync(holders[i]);
        }
    }

    /// @inheritdoc IGrowthPool
    function creditUnits(address account, uint256 cumulativeUnits, bytes32[] calldata proof) external nonReentrant {
        if (!MerkleProofLib.verifyCalldata(proof, _useActiveRoot(), _leaf(account, cumulativeUnits))) {
            revert GrowthInvalidProof(account, cumulativeUnits);
        }
        HolderSlot h = _holders[account];
        uint256 credited = h.publicationUnits();
        if (cumulativeUnits <= credited) revert GrowthNothingToCredit(account, cumulativeUnits);
        _credit(account, h, h.hubUnits(), cumulativeUnits, UnitSource.Publication, cumulativeUnits - credited);
    }

    /// @inheritdoc IGrowthPool
    /// @dev Pays only to `account` itself, so a relayer can pay the gas but cannot redirect the money. Each token's
    /// books are settled before its transfer.
    function claim(
        address account,
        address[] calldata claimTokens
    ) external nonReentrant returns (uint256[] memory amounts) {
        uint256 units = _holders[account].units();
        amounts = new uint256[](claimTokens.length);
        bool paid;
        for (uint256 i; i < claimTokens.length; ++i) {
            address token = claimTokens[i];
            uint256 amount = _settle(token, account, units);
            uint256 booked = _owed[token][account];
            if (booked != 0) {
                amount += booked;
                _owed[token][account] = 0;
            }
            if (amount == 0) continue;
            amounts[i] = amount;
            paid = true;
            emit Claimed(account, token, amount);
            bool ok = token == _ETH
                ? SafeTransferLib.trySafeTransferETH(account, amount, gasleft())
                : TryTransfer.tryTransfer(token, account, amount);
            if (!ok) revert GrowthTransferFailed(token, account, amount);
        }
        if (!paid) revert GrowthNothingToClaim(account);
    }

    /// @inheritdoc IGrowthPool
    function setTokenAllowed(address token, bool allowed) external onlyOwner {
        _setTokenAllowed(token, allowed);
    }

    /// @inheritdoc IGrowthPool
    function unitsOf(address holder) external view returns (uint256 hubUnits, uint256 publicationUnits) {
        HolderSlot h = _holders[holder];
        return (h.hubUnits(), h.publicationUnits());
    }

    /// @inheritdoc IGrowthPool
    function pendingHubUnits(address holder) external view returns (uint256) {
        if (HUB == address(0)) return 0;
        return ISubscriptionHub(HUB).unitsOf(holder) - _holders[holder].hubUnits();
    }

    /// @inheritdoc IGrowthPool
    function claimable(address holder, address token) external view returns (uint256 amount) {
        CheckSlot c = _checks[token][holder];
        (amount, ) = GrowthMath.earned(_holders[holder].units(), c.snapshot(), _tokens[token].index(), c.frac());
        amount += _owed[token][holder];
    }

    /// @notice A token's cumulative reward per unit and the remainder it carries into its next deposit (both in
    /// 1e-18 base units), and whether it is allowed.
    function tokenState(address token) external view returns (uint256 index, uint256 remainder, bool allowed) {
        TokenSlot t = _tokens[token];
        return (t.index(), t.remainder(), t.allowed());
    }

    /// @notice Every token ever allowed (address(0) is ETH), including ones since removed.
    function tokens() external view returns (address[] memory) {
        return _tokenList;
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    function _checkDeposit(address token, uint256 amount, uint256 commitmentId) internal view returns (TokenSlot t) {
        if (amount == 0) revert GrowthZeroAmount();
        _checkCommitment(commitmentId);
        t = _tokens[token];
        if (!t.allowed()) revert GrowthTokenNotAllowed(token);
    }

    /// @dev Raises the token's index by the deposit plus the carried remainder, over the units credited now.
    function _distribute(address token, TokenSlot t, uint256 amount, uint256 commitmentId, bytes32 ref) internal {
        uint256 total = totalUnits;
        if (total == 0) revert GrowthNoUnits();
        if (amount > GrowthMath.MAX_AMOUNT) revert GrowthOverflow(amount);
        (uint256 delta, uint256 remainder) = GrowthMath.step(amount, t.remainder(), total);
        _tokens[token] = GrowthSlots.packToken(t.index() + delta, true, remainder);
        emit Deposited(token, commitmentId, ref, msg.sender, amount, remainder);
    }

    function _sync(address holder) internal returns (uint256 added) {
        if (HUB == address(0)) return 0;
        uint256 hubUnits = ISubscriptionHub(HUB).unitsOf(holder);
        HolderSlot h = _holders[holder];
        uint256 synced = h.hubUnits();
        // The hub's count never decreases, so this only skips holders with nothing new.
        if (hubUnits <= synced) return 0;
        added = hubUnits - synced;
        _credit(holder, h, hubUnits, h.publicationUnits(), UnitSource.Hub, added);
    }

    /// @dev Settles `holder` in every token at its old units, then books its new units.
    function _credit(
        address holder,
        HolderSlot h,
        uint256 hubUnits,
        uint256 publicationUnits,
        UnitSource source,
        uint256 added
    ) internal {
        uint256 oldUnits = h.units();
        uint256 n = _tokenList.length;
        for (uint256 i; i < n; ++i) {
            address token = _tokenList[i];
            uint256 earned = _settle(token, holder, oldUnits);
            if (earned != 0) _owed[token][holder] += earned;
        }
        HolderSlot updated = GrowthSlots.packHolder(hubUnits, publicationUnits);
        _holders[holder] = updated;
        uint256 total = totalUnits + added;
        if (total > type(uint128).max) revert GrowthOverflow(total);
        totalUnits = total;
        emit UnitsCredited(holder, source, added, updated.units(), total);
    }

    /// @dev Moves `holder`'s checkpoint in `token` to the current index and returns what `units` earned since.
    function _settle(address token, address holder, uint256 units) internal returns (uint256 earned) {
        uint256 index = _tokens[token].index();
        CheckSlot c = _checks[token][holder];
        if (index == c.snapshot()) return 0;
        uint256 frac;
        (earned, frac) = GrowthMath.earned(units, c.snapshot(), index, c.frac());
        _checks[token][holder] = GrowthSlots.packCheck(index, frac);
    }

    function _setTokenAllowed(address token, bool allowed) internal {
        TokenSlot t = _tokens[token];
        if (!_listed(token)) {
            if (_tokenList.length == MAX_TOKENS) revert GrowthTooManyTokens(MAX_TOKENS);
            _tokenList.push(token);
        }
        _tokens[token] = GrowthSlots.packToken(t.index(), allowed, t.remainder());
        emit TokenAllowed(token, allowed);
    }

    function _listed(address token) internal view returns (bool) {
        for (uint256 i; i < _tokenList.length; ++i) {
            if (_tokenList[i] == token) return true;
        }
        return false;
    }

    /// @dev The StandardMerkleTree leaf: `keccak256(bytes.concat(keccak256(abi.encode(account, units))))`, the same
    /// encoding as the Distributor's, so the engine's tree builder serves both.
    function _leaf(address account, uint256 cumulativeUnits) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeUnits))));
    }

    /// @dev Transient storage on every chain: the targets (Ethereum and its L2s) all support EIP-1153.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
