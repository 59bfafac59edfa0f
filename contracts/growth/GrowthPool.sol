// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProofLib} from "solady/src/utils/MerkleProofLib.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {TryTransfer} from "../libraries/TryTransfer.sol";
import {AuditedRoots} from "../roots/AuditedRoots.sol";
import {GrowthMath} from "./GrowthMath.sol";
import {CheckSlot, GrowthSlots, HolderSlot, TokenSlot, WaitSlot} from "./GrowthSlots.sol";
import {GrowthTerms} from "./GrowthTerms.sol";

/// @notice One platform's growth pool. Deposits (allowed ERC-20s and ETH) are shared among unit holders pro rata by
/// their units at deposit time, in O(1): each deposit raises its token's reward-per-unit index, and each holder's
/// earnings are settled against its checkpoint when its units change or it claims.
/// @dev Units are credited from the hub's `unitsOf` (`sync`) and from audited publication roots (`creditUnits`; the
/// roots are `AuditedRoots`, the Distributor's mechanism, proposed by the publisher and vetoable by the auditors);
/// units credited during epoch `e` (UNIT_DELAY seconds) wait and earn from the start of epoch `e + 2`, so nobody can
/// buy units just before a large deposit. At most two epochs of waiting units exist at any time, globally and per
/// holder (`WaitSlot`): they join the active total at the first deposit, credit or claim once their epoch starts,
/// and the index of every listed token at that moment (the index at the epoch's start, since every deposit activates
/// first) is kept, so a holder touched later is settled as if its units had joined exactly then. Every unit change
/// settles the holder in every listed token, so the allow-list is capped at MAX_TOKENS. Rounding (see GrowthMath): what a deposit cannot give every unit exactly
/// is carried into the next deposit of the token, and a holder is paid the floor of its exact entitlement, so at most
/// one base unit below it; nothing is lost in between.
/// NOTE: fee-on-transfer tokens are refused: every deposit checks what arrived (`GrowthUnsupportedToken`).
/// WARNING: rebasing tokens are unsupported: booked amounts do not follow a rebase. Allow only plain ERC-20s.
contract GrowthPool is GrowthTerms, AuditedRoots {
    /*//////////////////////////////////////////////////////////////
                          CONSTANTS / IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @notice The hub whose `unitsOf` this pool syncs (zero for a pool fed by publications only).
    address public immutable HUB;

    /// @notice Most tokens the allow-list can ever hold (ETH included): bounds what a unit change settles.
    uint256 public constant MAX_TOKENS = 8;

    /// @notice Length of an epoch: units credited during one earn from the start of the epoch after the next.
    uint256 public immutable UNIT_DELAY;

    /// @dev ETH's entry in the token maps.
    address internal constant _ETH = address(0);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Units credited to all holders together, waiting ones included.
    uint256 public totalUnits;

    /// @inheritdoc IGrowthPool
    uint256 public totalActiveUnits;

    /// @dev The (at most two) epochs of units waiting, over all holders and per holder.
    WaitSlot internal _waiting;
    mapping(address holder => WaitSlot) internal _holderWaiting;
    /// @dev Each token's index when an epoch's waiting units started earning.
    mapping(address token => mapping(uint256 epoch => uint256 index)) internal _epochIndex;

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

    /// @param durations The notice period, the units roots' challenge window and UNIT_DELAY, each an hour to ten years.
    /// @param publisher_ Proposes units roots (the platform's engine key; the owner can name another, `setPublisher`).
    /// @param auditors_ The units roots' first auditors.
    /// @param allowedTokens ERC-20s allowed from the start (ETH always is).
    /// @param bases,bps Commitments in effect from deployment, e.g. ("ad-revenue", 2000).
    constructor(
        address hub,
        address owner_,
        address publisher_,
        uint256[3] memory durations,
        address[] memory auditors_,
        address[] memory allowedTokens,
        bytes32[] memory bases,
        uint16[] memory bps
    ) GrowthTerms(owner_, durations[0], bases, bps) AuditedRoots(publisher_, durations[1], auditors_) {
        _checkDuration(durations[2]);
        UNIT_DELAY = durations[2];
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
        _promoteIfMatured();
        if (!MerkleProofLib.verifyCalldata(proof, _activeRoot, _leaf(account, cumulativeUnits))) {
            revert GrowthInvalidProof(account, cumulativeUnits);
        }
        HolderSlot h = _holders[account];
        uint256 credited = h.publicationUnits();
        if (cumulativeUnits <= credited) revert GrowthNothingToCredit(account, cumulativeUnits);
        _credit(account, h.hubUnits(), cumulativeUnits, UnitSource.Publication, cumulativeUnits - credited);
    }

    /// @inheritdoc IGrowthPool
    /// @dev Pays only to `account` itself, so a relayer can pay the gas but cannot redirect the money. Each token's
    /// books are settled before its transfer.
    function claim(
        address account,
        address[] calldata claimTokens
    ) external nonReentrant returns (uint256[] memory amounts) {
        uint256 units = _matureHolder(account);
        amounts = new uint256[](claimTokens.length);
        bool paid;
        for (uint256 i; i < claimTokens.length; ++i) {
            address token = claimTokens[i];
            uint256 amount = _settle(token, account, units, _tokens[token].index());
            uint256 booked = _owed[token][account];
            if (booked != 0) {
                amount += booked;
                _owed[token][account] = 0;
            }
            if (amount == 0) continue;
            amounts[i] = amount;
            paid = true;
            emit Claimed(account, token, amount);
            bool ok =
                token == _ETH
                    ? SafeTransferLib.trySafeTransferETH(account, amount, gasleft())
                    : TryTransfer.tryTransfer(token, account, amount);
            if (!ok) revert GrowthTransferFailed(token, account, amount);
        }
        if (!paid) revert GrowthNothingToClaim(account);
    }

    /// @notice Always reverts `GrowthRenounceDisabled`: without an owner no token, commitment or publisher could be set
    /// again.
    function renounceOwnership() public view override onlyOwner {
        revert GrowthRenounceDisabled();
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
    /// @dev Settles in a view as `claim` would: waiting units whose epoch has started join at that epoch's index.
    function claimable(address holder, address token) external view returns (uint256 amount) {
        CheckSlot c = _checks[token][holder];
        uint256 index = _tokens[token].index();
        WaitSlot w = _holderWaiting[holder];
        uint256 units = _holders[holder].units() - w.older() - w.newer();
        uint256 from = c.snapshot();
        uint256 frac = c.frac();
        uint256 earned;
        uint256 now_ = _epoch();
        for (uint256 i; i < 2; ++i) {
            (uint256 epoch, uint256 joining) = _bucket(w, i);
            if (joining == 0 || epoch > now_) continue;
            // Not yet activated globally means no deposit since the epoch started: its index is today's.
            uint256 at = _isWaiting(epoch) ? index : _epochIndex[token][epoch];
            if (at > from) {
                (earned, frac) = GrowthMath.earned(units, from, at, frac);
                amount += earned;
                from = at;
            }
            units += joining;
        }
        (earned, ) = GrowthMath.earned(units, from, index, frac);
        amount += earned + _owed[token][holder];
    }

    /// @inheritdoc IGrowthPool
    function activeUnitsOf(
        address holder
    ) external view returns (uint256 active, uint256 waiting, uint256 nextActiveFrom) {
        WaitSlot w = _holderWaiting[holder];
        uint256 now_ = _epoch();
        waiting = w.waitingAt(now_);
        active = _holders[holder].units() - waiting;
        if (waiting != 0)
            nextActiveFrom = (w.older() != 0 && w.epoch() - 1 > now_ ? w.epoch() - 1 : w.epoch()) * UNIT_DELAY;
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

    /// @dev Raises the token's index by the deposit plus the carried remainder, over the units active now.
    function _distribute(address token, TokenSlot t, uint256 amount, uint256 commitmentId, bytes32 ref) internal {
        _activate();
        uint256 total = totalActiveUnits;
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
        _credit(holder, hubUnits, h.publicationUnits(), UnitSource.Hub, added);
    }

    /// @dev Settles `holder` in every token at its active units, then books its new units, which wait until the
    /// start of the epoch after the next.
    function _credit(
        address holder,
        uint256 hubUnits,
        uint256 publicationUnits,
        UnitSource source,
        uint256 added
    ) internal {
        _activate();
        uint256 active = _matureHolder(holder);
        uint256 n = _tokenList.length;
        for (uint256 i; i < n; ++i) {
            address token = _tokenList[i];
            _book(token, holder, _settle(token, holder, active, _tokens[token].index()));
        }
        HolderSlot updated = GrowthSlots.packHolder(hubUnits, publicationUnits);
        _holders[holder] = updated;
        uint256 total = totalUnits + added;
        if (total > type(uint128).max) revert GrowthOverflow(total);
        totalUnits = total;
        uint256 epoch = _epoch() + 2;
        _waiting = _waiting.add(epoch, added);
        _holderWaiting[holder] = _holderWaiting[holder].add(epoch, added);
        emit UnitsCredited(holder, source, added, updated.units(), total, epoch * UNIT_DELAY);
    }

    /// @dev Waiting units whose epoch has started join the active total. No deposit can have happened since that
    /// epoch started (every deposit activates first), so each token's index now is its index at the epoch's start.
    function _activate() internal {
        WaitSlot w = _waiting;
        uint256 now_ = _epoch();
        uint256 epoch = w.epoch();
        uint256 olderUnits = w.older();
        uint256 newerUnits = w.newer();
        if (olderUnits != 0 && epoch - 1 <= now_) {
            _activateEpoch(epoch - 1, olderUnits);
            olderUnits = 0;
        }
        if (newerUnits != 0 && epoch <= now_) {
            _activateEpoch(epoch, newerUnits);
            newerUnits = 0;
        }
        if (olderUnits != w.older() || newerUnits != w.newer()) {
            _waiting = GrowthSlots.packWait(epoch, olderUnits, newerUnits);
        }
    }

    function _activateEpoch(uint256 epoch, uint256 units) internal {
        uint256 n = _tokenList.length;
        for (uint256 j; j < n; ++j) {
            address token = _tokenList[j];
            _epochIndex[token][epoch] = _tokens[token].index();
        }
        uint256 active = totalActiveUnits + units;
        totalActiveUnits = active;
        emit UnitsActivated(epoch, units, active);
    }

    /// @dev Settles `holder`'s waiting units whose epoch has started: its active units earn up to that epoch's index,
    /// then the waiting units join them. Returns the holder's active units. Activates globally first only if some
    /// of the holder's units join (a claim in steady state reads one more word and writes nothing).
    function _matureHolder(address holder) internal returns (uint256 active) {
        WaitSlot w = _holderWaiting[holder];
        uint256 now_ = _epoch();
        uint256 waiting = w.waitingAt(now_);
        active = _holders[holder].units() - w.older() - w.newer();
        if (waiting == w.older() + w.newer()) return active;
        _activate();
        uint256 n = _tokenList.length;
        for (uint256 i; i < 2; ++i) {
            (uint256 epoch, uint256 joining) = _bucket(w, i);
            if (joining == 0 || epoch > now_) continue;
            for (uint256 j; j < n; ++j) {
                address token = _tokenList[j];
                _book(token, holder, _settle(token, holder, active, _epochIndex[token][epoch]));
            }
            active += joining;
        }
        // Only the newer bucket can still wait (the older one's epoch comes first).
        uint256 stillWaiting = w.epoch() > now_ ? w.newer() : 0;
        _holderWaiting[holder] = GrowthSlots.packWait(w.epoch(), 0, stillWaiting);
    }

    /// @dev Moves `holder`'s checkpoint in `token` to `index` and returns what `units` earned since. An index not
    /// above the checkpoint (a token listed after the epoch started, still at zero then) earns nothing.
    function _settle(address token, address holder, uint256 units, uint256 index) internal returns (uint256 earned) {
        CheckSlot c = _checks[token][holder];
        if (index <= c.snapshot()) return 0;
        uint256 frac;
        (earned, frac) = GrowthMath.earned(units, c.snapshot(), index, c.frac());
        _checks[token][holder] = GrowthSlots.packCheck(index, frac);
    }

    function _book(address token, address holder, uint256 earned) internal {
        if (earned != 0) _owed[token][holder] += earned;
    }

    /// @dev Bucket `i` of `w` (0: the older one) as (epoch, units); an empty older bucket reads as (0, 0).
    function _bucket(WaitSlot w, uint256 i) internal pure returns (uint256 epoch, uint256 units) {
        if (i != 0) return (w.epoch(), w.newer());
        units = w.older();
        if (units != 0) epoch = w.epoch() - 1;
    }

    /// @dev Whether units of `epoch` are still waiting globally (not yet activated).
    function _isWaiting(uint256 epoch) internal view returns (bool) {
        WaitSlot w = _waiting;
        return (w.newer() != 0 && w.epoch() == epoch) || (w.older() != 0 && w.epoch() - 1 == epoch);
    }

    function _epoch() internal view returns (uint256) {
        return block.timestamp / UNIT_DELAY;
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
}
