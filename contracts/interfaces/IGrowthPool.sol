// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAuditedRoots} from "./IAuditedRoots.sol";

/// @notice A platform's growth pool: whatever else the platform commits to share (ad revenue, profits, exit
/// proceeds) is deposited here and shared among unit holders pro rata by their units at the time of each deposit.
/// Units come from the hub (one per base unit its referred subscribers paid, `sync`) and from audited off-chain
/// publications (a cumulative Merkle root of units, `creditUnits`). Deposits cost the same whatever the number of
/// holders: a per-token index of reward per unit, and a checkpoint per holder.
/// @dev Units wait before they earn: units credited during epoch `e` (`UNIT_DELAY` seconds long, fixed at deployment)
/// earn from deposits made from the start of epoch `e + 2` on, so always at least `UNIT_DELAY` after their credit.
/// Units bought just before a large deposit (sybil subscriptions, a late publication) earn nothing from it.
/// Units roots are audited roots (`IAuditedRoots`, the Distributor's mechanism): a root's `total` is the sum of its
/// cumulative units, declared by the publisher and checked by auditors; it never falls below the active root's.
interface IGrowthPool is IAuditedRoots {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev A declared share of some revenue ("20 % of ad revenue"); deposits name the commitment they honour.
    struct Commitment {
        bytes32 basis;
        uint16 bps;
        uint40 effectiveAt;
    }

    /// @dev Where credited units came from.
    enum UnitSource {
        Hub,
        Publication
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev A required address was zero.
    error GrowthZeroAddress();
    /// @dev A deposit of zero.
    error GrowthZeroAmount();
    /// @dev The token is not on the pool's allow-list.
    error GrowthTokenNotAllowed(address token);
    /// @dev The allow-list is full; every listed token is settled on each unit change, so it is kept short.
    error GrowthTooManyTokens(uint256 max);
    /// @dev Nobody holds units yet, so a deposit would have no one to go to.
    error GrowthNoUnits();
    /// @dev The pool received less than it pulled: fee-on-transfer and similar tokens are refused.
    error GrowthUnsupportedToken(uint256 expected, uint256 received);
    /// @dev A number no longer fits its packed slot (a deposit, units or the per-unit index).
    error GrowthOverflow(uint256 value);
    /// @dev A commitment needs a nonzero basis and at most 10,000 bps.
    error GrowthInvalidCommitment(bytes32 basis, uint256 bps);
    /// @dev No commitment has this id.
    error GrowthUnknownCommitment(uint256 id);
    /// @dev The commitment is announced but its notice period has not passed.
    error GrowthCommitmentNotEffective(uint256 id, uint256 effectiveAt);
    /// @dev Native ETH goes through `depositETH`.
    error GrowthUseDepositETH();
    /// @dev The account has nothing to claim in any of the tokens asked for.
    error GrowthNothingToClaim(address account);
    /// @dev The proof does not place `(account, cumulativeUnits)` in the active units root.
    error GrowthInvalidProof(address account, uint256 cumulativeUnits);
    /// @dev The account's credited publication units already reach `cumulativeUnits`.
    error GrowthNothingToCredit(address account, uint256 cumulativeUnits);
    /// @dev The token (ETH: the zero address) refused to pay `amount` to `to`; nothing is booked as claimed.
    error GrowthTransferFailed(address token, address to, uint256 amount);
    /// @dev The notice period or UNIT_DELAY given at deployment is outside [min, max] (an hour to ten years).
    error GrowthInvalidDuration(uint256 value, uint256 min, uint256 max);
    /// @dev Ownership cannot be renounced: no units root, commitment or token could ever be proposed again.
    error GrowthRenounceDisabled();

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev A token was added to or removed from the allow-list (removal stops deposits, never claims).
    event TokenAllowed(address indexed token, bool allowed);
    /// @dev A commitment was announced; deposits may name it from `effectiveAt`.
    event CommitmentProposed(uint256 indexed id, bytes32 indexed basis, uint256 bps, uint256 effectiveAt);
    /// @dev `amount` of `token` was deposited under commitment `commitmentId`, `ref` saying which revenue (e.g. the
    /// hash of the platform's ad-revenue statement). It went to the holders by units; `remainder` (in 1e-18 base
    /// units, below the total units) is what rounding kept back, carried into the next deposit of the token.
    event Deposited(
        address indexed token,
        uint256 indexed commitmentId,
        bytes32 indexed ref,
        address depositor,
        uint256 amount,
        uint256 remainder
    );
    /// @dev `holder` was credited `added` units from `source`; it now holds `units` of `totalUnits` (all credited
    /// units, waiting ones included). The added units earn from deposits made from `activeFrom` on.
    event UnitsCredited(
        address indexed holder,
        UnitSource indexed source,
        uint256 added,
        uint256 units,
        uint256 totalUnits,
        uint256 activeFrom
    );
    /// @dev Units credited during the epoch before `epoch - 1` started earning: `units` of them, making
    /// `totalActiveUnits` (what the next deposit is shared over).
    event UnitsActivated(uint256 indexed epoch, uint256 units, uint256 totalActiveUnits);
    /// @dev `amount` of `token` was paid to `holder`.
    event Claimed(address indexed holder, address indexed token, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Deposits `amount` of an allowed ERC-20 (pulled from the caller) under commitment `commitmentId`.
    function deposit(address token, uint256 amount, uint256 commitmentId, bytes32 ref) external;

    /// @notice Deposits the ETH sent under commitment `commitmentId`.
    function depositETH(uint256 commitmentId, bytes32 ref) external payable;

    /// @notice Credits `holder` with the units the hub recorded for it since the last sync. Anyone may call it.
    /// @return added The units credited now (zero if none).
    function sync(address holder) external returns (uint256 added);

    /// @notice `sync` for each holder (a keeper runs it every epoch, so units start their wait as soon as earned).
    function syncMany(address[] calldata holders) external;

    /// @notice Credits the increase of `account`'s cumulative publication units proved against the active root.
    function creditUnits(address account, uint256 cumulativeUnits, bytes32[] calldata proof) external;

    /// @notice Pays `account` what it has earned in each of `tokens` (address(0) is ETH). Anyone may call it.
    function claim(address account, address[] calldata tokens) external returns (uint256[] memory amounts);

    /// @notice Adds or removes `token` (address(0) is ETH) on the deposit allow-list. Owner only.
    function setTokenAllowed(address token, bool allowed) external;

    /// @notice Announces a commitment, effective after the notice period. Owner only.
    function proposeCommitment(bytes32 basis, uint16 bps) external returns (uint256 id);

    /// @notice `holder`'s units from the hub and from publications; its share is their sum over `totalUnits`.
    function unitsOf(address holder) external view returns (uint256 hubUnits, uint256 publicationUnits);

    /// @notice `holder`'s units that earn from a deposit made now, and its credited units still waiting (the next
    /// ones start earning at `nextActiveFrom`, zero if none wait).
    function activeUnitsOf(
        address holder
    ) external view returns (uint256 active, uint256 waiting, uint256 nextActiveFrom);

    /// @notice Units a deposit made now is shared over (credited units past their wait).
    function totalActiveUnits() external view returns (uint256);

    /// @notice Units the hub recorded for `holder` that `sync` would credit now.
    function pendingHubUnits(address holder) external view returns (uint256);

    /// @notice What `claim` would pay `holder` in `token` now.
    function claimable(address holder, address token) external view returns (uint256);
}
